package contract

import (
	"hash/maphash"

	"github.com/capsim/capsim/simulator/internal/jsonvalue"
	"github.com/getkin/kin-openapi/openapi3"
)

// Long lists, checked element by element. A journal page of a thousand
// entries is a megabyte of JSON and, decoded whole, several of maps: live
// while it is checked, and the collector, which lets the heap grow to a
// multiple of what is live when it runs, then keeps room for that many more
// (issue 20: a client reading the journal raised everyone's memory). A body
// of ListsFrom bytes or more whose schema is an object with lists is
// instead decoded one list element at a time, each checked against the
// list's item schema and dropped, and the rest of the object checked
// against the schema without the lists. It is the fast path's way for such
// bodies (only a pass is taken from it) and it checks what the whole
// visit would: every element against the items, the lists' lengths, the
// envelope's other members, what it requires.

// ListsFrom is the default size from which a JSON body is checked element
// by element.
const ListsFrom = 256 << 10

// CheckListsFrom sets the size from which a JSON body is checked list
// element by list element where its schema allows (0: every such body);
// tests set 0 so that, with CrossCheckFastPath, every body they see proves
// this way against the full one.
func (c *Contract) CheckListsFrom(n int) { c.listsFrom = n }

// listed is an object schema with lists: the lists' schemas by member
// name, the object without them (what remains to check once the lists are
// taken out), and the lists it requires.
type listed struct {
	lists    map[string]*openapi3.Schema
	rest     *openapi3.Schema
	required []string
}

// listsOf returns how to check s list by list, or nil where s is not an
// object whose visit is only its members' (no composition, no enum, no
// bound on the number of members) or has no member that is a plain list.
func listsOf(s *openapi3.Schema) *listed {
	if !only(s, openapi3.TypeObject) || s.MinProps != 0 || s.MaxProps != nil {
		return nil
	}
	l := &listed{lists: map[string]*openapi3.Schema{}}
	for name, ref := range s.Properties {
		if p := ref.Value; p != nil && plainList(p) {
			l.lists[name] = p
		}
	}
	if len(l.lists) == 0 {
		return nil
	}
	rest := *s
	rest.Required = nil
	for _, name := range s.Required {
		if _, ok := l.lists[name]; ok {
			l.required = append(l.required, name)
		} else {
			rest.Required = append(rest.Required, name)
		}
	}
	l.rest = &rest
	return l
}

// only reports whether s is of type t alone and its visit is its type's:
// nothing composed, negated, enumerated or constant.
func only(s *openapi3.Schema, t string) bool {
	return s.Type != nil && s.Type.Is(t) && len(s.Type.Slice()) == 1 &&
		len(s.AllOf) == 0 && len(s.AnyOf) == 0 && len(s.OneOf) == 0 && s.Not == nil &&
		s.Enum == nil && s.Always == nil && s.Discriminator == nil && !s.Nullable
}

// plainList reports whether s is an array whose visit is its length's and
// each item's: items given, none unique, no leading items of their own.
func plainList(s *openapi3.Schema) bool {
	return only(s, openapi3.TypeArray) && s.Items != nil && s.Items.Value != nil &&
		!s.UniqueItems && len(s.PrefixItems) == 0
}

// checkLists reports whether body passes l, list element by list element.
// An element's text that passed its list's items before passes again
// without being decoded (itemOK): the same journal entries are asked for
// page after page.
func (c *Contract) checkLists(l *listed, body []byte, opts []openapi3.SchemaValidationOption) bool {
	isList := func(name string) bool { return l.lists[name] != nil }
	each := func(name string, elem []byte) bool {
		items := l.lists[name].Items.Value
		var key uint64
		if !c.noCache {
			var h maphash.Hash
			h.SetSeed(c.seed)
			maphash.WriteComparable(&h, items) // the schema, by address
			h.Write(elem)
			if key = h.Sum64(); c.itemOK.has(key) {
				return true
			}
		}
		v, ok, _ := jsonvalue.ParseStrict(elem)
		if !ok || items.VisitJSON(v, opts...) != nil {
			return false
		}
		if !c.noCache {
			c.itemOK.add(key)
		}
		return true
	}
	rest, lens, ok, _ := jsonvalue.ParseLists(body, isList, each)
	if !ok {
		return false
	}
	for _, name := range l.required {
		if _, ok := lens[name]; !ok {
			return false
		}
	}
	for name, n := range lens {
		s := l.lists[name]
		if n < int(s.MinItems) || (s.MaxItems != nil && n > int(*s.MaxItems)) {
			return false
		}
	}
	return l.rest.VisitJSON(rest, opts...) == nil
}
