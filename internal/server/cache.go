package server

import (
	"container/list"
	"net/http"
	"sync"
)

// cache holds computed results of one snapshot (one matrix version), keyed
// by a string that names the computation and its parameters. It is bounded:
// the least recently used entries go first. Concurrent requests for the same
// key wait for one computation.
type cache struct {
	mu    sync.Mutex
	max   int
	items map[string]*list.Element
	order *list.List // front: most recently used
}

type entry struct {
	key   string
	ready chan struct{}
	val   any
	err   error
}

func newCache(max int) *cache {
	return &cache{max: max, items: map[string]*list.Element{}, order: list.New()}
}

// get returns the value for key, computing it with f if it is not cached.
// Errors are not cached.
func (c *cache) get(key string, f func() (any, error)) (any, error) {
	c.mu.Lock()
	if el, ok := c.items[key]; ok {
		c.order.MoveToFront(el)
		e := el.Value.(*entry)
		c.mu.Unlock()
		<-e.ready
		return e.val, e.err
	}
	e := &entry{key: key, ready: make(chan struct{})}
	c.items[key] = c.order.PushFront(e)
	for c.order.Len() > c.max {
		old := c.order.Back()
		c.order.Remove(old)
		delete(c.items, old.Value.(*entry).key)
	}
	c.mu.Unlock()

	func() {
		defer func() {
			if r := recover(); r != nil {
				e.err = panicError{r}
			}
			close(e.ready)
		}()
		e.val, e.err = f()
	}()
	if e.err != nil {
		c.mu.Lock()
		if el, ok := c.items[key]; ok && el.Value.(*entry) == e {
			c.order.Remove(el)
			delete(c.items, key)
		}
		c.mu.Unlock()
	}
	return e.val, e.err
}

// len returns the number of entries.
func (c *cache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// cached is get with the value's type.
func cached[T any](c *cache, key string, f func() (T, error)) (T, error) {
	v, err := c.get(key, func() (any, error) { return f() })
	if err != nil {
		var zero T
		return zero, err
	}
	return v.(T), nil
}

// respCache holds encoded API responses of one snapshot, keyed by path and
// query, within a budget of bytes: the least recently used go first. A
// response larger than a sixteenth of the budget is not kept.
type respCache struct {
	mu     sync.Mutex
	budget int
	size   int
	items  map[string]*list.Element
	order  *list.List
}

type response struct {
	key    string
	ctype  string
	header http.Header // shared by every answer: never modify
	body   []byte
}

func newRespCache(budget int) *respCache {
	return &respCache{budget: budget, items: map[string]*list.Element{}, order: list.New()}
}

func (c *respCache) get(key string) (*response, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*response), true
}

func (c *respCache) put(r *response) {
	if len(r.body) > c.budget/16 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[r.key]; ok {
		return
	}
	c.items[r.key] = c.order.PushFront(r)
	c.size += len(r.body)
	for c.size > c.budget {
		old := c.order.Back()
		c.order.Remove(old)
		o := old.Value.(*response)
		delete(c.items, o.key)
		c.size -= len(o.body)
	}
}
