package auth

import (
	"container/list"
	"encoding/base64"
	"strings"
	"sync"

	"github.com/capsim/capsim/simulator"
)

// knownCredentials maps the Authorization header of every fixture till
// (its MD5 in lower and upper case) to the till: built once, read without
// a lock, as large as the fixtures and no larger.
func knownCredentials(org *simulator.Org) map[string]string {
	m := map[string]string{}
	if org == nil {
		return m
	}
	for _, t := range org.Tills {
		sum := MD5Hex(t.Password)
		for _, pass := range []string{sum, strings.ToUpper(sum)} {
			m["Basic "+base64.StdEncoding.EncodeToString([]byte(t.Code+":"+pass))] = t.Code
		}
	}
	return m
}

// Bounds of the cache of credentials the fixtures do not know (ModeAny
// accepts any well-formed ones): any number of distinct credentials costs
// at most cacheSize entries of at most cacheKeyBytes.
const (
	cacheSize     = 1024
	cacheKeyBytes = 256
)

// lru is a least-recently-used cache of Authorization headers seen valid,
// bounded in entries and key size. It is safe for concurrent use.
type lru struct {
	mu    sync.Mutex
	size  int
	order *list.List // front: most recently used
	items map[string]*list.Element
}

type lruItem struct{ key, till string }

func newLRU(size int) *lru {
	return &lru{size: size, order: list.New(), items: make(map[string]*list.Element, size)}
}

// get returns the till cached for key.
func (c *lru) get(key string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		return "", false
	}
	c.order.MoveToFront(el)
	return el.Value.(*lruItem).till, true
}

// put caches key -> till, dropping the least recently used entry when
// full; keys over cacheKeyBytes are not cached.
func (c *lru) put(key, till string) {
	if len(key) > cacheKeyBytes || c.size <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		c.order.MoveToFront(el)
		return
	}
	if c.order.Len() >= c.size {
		old := c.order.Back()
		c.order.Remove(old)
		delete(c.items, old.Value.(*lruItem).key)
	}
	// Copies: a header value may share memory with a larger request.
	key, till = strings.Clone(key), strings.Clone(till)
	c.items[key] = c.order.PushFront(&lruItem{key: key, till: till})
}

// len returns the number of cached entries.
func (c *lru) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
