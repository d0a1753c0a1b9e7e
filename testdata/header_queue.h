#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/header_queue.gh"
/* header_queue.gh — a .gh header: declarations with channel types in
 * struct fields, typedefs and prototypes. cgoc translates it to
 * header_queue.h; a .gc file including "header_queue.gh" includes
 * "header_queue.h" after translation. */
#ifndef HEADER_QUEUE_GH
#define HEADER_QUEUE_GH

typedef cgoc_chan work_chan;

struct queue {
    cgoc_chan items;
    cgoc_chan stop;
    int served;
};

struct queue *queue_new(int capacity, cgoc_chan stop);
void queue_free(struct queue *q);
cgoc_chan queue_input(struct queue *q);
int queue_serve(struct queue *q);

#endif
