package contract

import (
	"math"
	"reflect"
	"regexp"

	"github.com/capsim/capsim/simulator/internal/jsonvalue"
	"github.com/getkin/kin-openapi/openapi3"
)

// A fast copy of a body schema is also compiled into a jsonvalue.Shape,
// which checks a JSON body as it reads it: no value tree, and no visit of
// kin-openapi's. Decoding the body and visiting the value were a quarter
// to a third of the CPU of a v1.1 write. Like the rest of the fast path,
// Check only passes: a body it does not pass is decoded and visited as
// before, and that gives the verdict. A schema with a keyword Check does
// not decide exactly as kin-openapi's visit would is not compiled (nil).

// shaper compiles schemas into Shapes, cycles included; bad says one of
// them holds what Check cannot take.
type shaper struct {
	memo map[*openapi3.Schema]*jsonvalue.Shape
	bad  bool
}

// shapeOf compiles s, or returns nil.
func shapeOf(s *openapi3.Schema) *jsonvalue.Shape {
	sh := &shaper{memo: map[*openapi3.Schema]*jsonvalue.Shape{}}
	n := sh.shape(s)
	if sh.bad {
		return nil
	}
	return n
}

// patternCodepoint is what kin-openapi rewrites in a pattern before
// compiling it: \uXXXX, in upper-case hex, becomes \x{XXXX}.
var patternCodepoint = regexp.MustCompile(`\\u([0-9A-F]{4})`)

func (sh *shaper) shape(s *openapi3.Schema) *jsonvalue.Shape {
	if n, ok := sh.memo[s]; ok {
		return n
	}
	n := &jsonvalue.Shape{MaxLength: -1, MaxItems: -1}
	sh.memo[s] = n
	if !shapeable(s) {
		sh.bad = true
		return n
	}
	n.Nullable = s.Nullable || s.Type.IncludesNull()
	if s.IsEmpty() { // kin-openapi passes any value but null, looking no further
		n.Any = true
		return n
	}
	n.Kinds = kindsOf(s.Type)
	if n.Kinds == 0 && !s.Type.IncludesNull() {
		sh.bad = true // a type Check does not know
	}
	sh.format(n, s)
	if len(s.Enum) > 0 {
		n.Enum = &jsonvalue.Enum{}
	}
	for _, e := range s.Enum {
		switch e := e.(type) {
		case string:
			n.Enum.Strings = append(n.Enum.Strings, e)
		case bool:
			n.Enum.True, n.Enum.False = n.Enum.True || e, n.Enum.False || !e
		case nil: // null is decided by nullable first, enum or not
		default: // a number: for kin-openapi
			sh.bad = true
		}
	}
	n.MinLength = int(min(s.MinLength, math.MaxInt32))
	if s.MaxLength != nil {
		n.MaxLength = int(min(*s.MaxLength, math.MaxInt32))
	}
	if s.Pattern != "" {
		re, err := regexp.Compile(patternCodepoint.ReplaceAllString(s.Pattern, `\x{$1}`))
		if err != nil {
			sh.bad = true
		}
		n.Pattern = re
	}
	n.Min, n.Max = s.Min, s.Max
	n.ExclusiveMin, sh.bad = exclusive(s.ExclusiveMin, sh.bad)
	n.ExclusiveMax, sh.bad = exclusive(s.ExclusiveMax, sh.bad)
	n.MinItems = int(min(s.MinItems, math.MaxInt32))
	if s.MaxItems != nil {
		n.MaxItems = int(min(*s.MaxItems, math.MaxInt32))
	}
	n.Items = sh.ref(s.Items)
	sh.members(n, s)
	n.OneOf, n.AnyOf, n.AllOf = sh.refs(s.OneOf), sh.refs(s.AnyOf), sh.refs(s.AllOf)
	if len(n.OneOf) > 0 && !disjointShapes(n.OneOf) {
		sh.bad = true
	}
	return n
}

// format gives n what s's format asks of its kinds of value, as
// kin-openapi's registered formats decide it: an integer's range for
// int32 and int64, kin-openapi's own visit for a string of a known format.
func (sh *shaper) format(n *jsonvalue.Shape, s *openapi3.Schema) {
	f := s.Format
	if f == "" {
		return
	}
	if n.Kinds&jsonvalue.Integer != 0 && n.Kinds&jsonvalue.Number == 0 {
		if _, ok := openapi3.SchemaIntegerFormats[f]; ok {
			switch f {
			case "int32":
				n.IntRange, n.IntMin, n.IntMax = true, math.MinInt32, math.MaxInt32
			case "int64": // 2^63 passes: math.MaxInt64 rounds up to it
				n.IntRange, n.IntMin, n.IntMax = true, math.MinInt64, -math.MinInt64
			default:
				sh.bad = true
			}
		}
	}
	if n.Kinds&jsonvalue.Number != 0 {
		if _, ok := openapi3.SchemaNumberFormats[f]; ok {
			sh.bad = true
		}
	}
	if n.Kinds&jsonvalue.String != 0 {
		if _, ok := openapi3.SchemaStringFormats[f]; ok {
			n.StringOK = s.IsMatchingJSONString
		}
	}
}

// members gives n s's properties, required names and additional
// properties.
func (sh *shaper) members(n *jsonvalue.Shape, s *openapi3.Schema) {
	if len(s.Properties) > 0 || len(s.Required) > 0 {
		n.Props = make(map[string]jsonvalue.Prop, len(s.Properties)+len(s.Required))
	}
	for name, r := range s.Properties {
		n.Props[name] = jsonvalue.Prop{Shape: sh.ref(r)}
		if r == nil {
			sh.bad = true
		}
	}
	if len(s.Required) > 64 {
		sh.bad = true
		return
	}
	for i, name := range s.Required {
		p := n.Props[name]
		if p.Bit == 0 {
			p.Bit = 1 << i
		}
		n.Props[name] = p
		n.Required |= p.Bit
	}
	ap := s.AdditionalProperties
	n.NoExtra = ap.Has != nil && !*ap.Has
	n.Extra = sh.ref(ap.Schema)
}

func (sh *shaper) ref(r *openapi3.SchemaRef) *jsonvalue.Shape {
	if r == nil {
		return nil
	}
	if r.Value == nil {
		sh.bad = true
		return nil
	}
	return sh.shape(r.Value)
}

func (sh *shaper) refs(rs openapi3.SchemaRefs) []*jsonvalue.Shape {
	var out []*jsonvalue.Shape
	for _, r := range rs {
		if r == nil || r.Value == nil {
			sh.bad = true
			continue
		}
		out = append(out, sh.shape(r.Value))
	}
	return out
}

// exclusive reads a 3.0 exclusive bound (a boolean); a 3.1 one (a number)
// is for kin-openapi alone.
func exclusive(b openapi3.ExclusiveBound, bad bool) (bool, bool) {
	if b.Value != nil {
		return false, true
	}
	return b.Bool != nil && *b.Bool, bad
}

// kindsOf maps a schema's types to Kinds: no type admits every kind.
func kindsOf(t *openapi3.Types) jsonvalue.Kinds {
	if t == nil {
		return jsonvalue.AllKinds
	}
	var k jsonvalue.Kinds
	for _, name := range t.Slice() {
		switch name {
		case openapi3.TypeBoolean:
			k |= jsonvalue.Bool
		case openapi3.TypeInteger:
			k |= jsonvalue.Integer
		case openapi3.TypeNumber:
			k |= jsonvalue.Number | jsonvalue.Integer
		case openapi3.TypeString:
			k |= jsonvalue.String
		case openapi3.TypeArray:
			k |= jsonvalue.Array
		case openapi3.TypeObject:
			k |= jsonvalue.Object
		}
	}
	return k
}

// disjointShapes reports whether no value's kind is admitted by two of
// the branches (a number is of both kinds of number), none of which is
// an empty schema: then only the branch of a value's kind can pass it.
func disjointShapes(branches []*jsonvalue.Shape) bool {
	var seen jsonvalue.Kinds
	for _, b := range branches {
		k := b.Kinds
		if k&(jsonvalue.Integer|jsonvalue.Number) != 0 {
			k |= jsonvalue.Integer | jsonvalue.Number
		}
		if b.Any || k == 0 || seen&k != 0 {
			return false
		}
		seen |= k
	}
	return true
}

// shapeable reports whether s uses only keywords Check decides as
// kin-openapi does, and words that decide nothing (titles, examples).
func shapeable(s *openapi3.Schema) bool {
	rest := *s
	// What Check decides.
	rest.Type, rest.Nullable, rest.Format, rest.Enum = nil, false, "", nil
	rest.MinLength, rest.MaxLength, rest.Pattern = 0, nil, ""
	rest.Min, rest.Max, rest.ExclusiveMin, rest.ExclusiveMax = nil, nil, openapi3.ExclusiveBound{}, openapi3.ExclusiveBound{}
	rest.MinItems, rest.MaxItems, rest.Items = 0, nil, nil
	rest.Properties, rest.Required, rest.AdditionalProperties = nil, nil, openapi3.AdditionalProperties{}
	rest.OneOf, rest.AnyOf, rest.AllOf = nil, nil, nil
	// What decides nothing.
	rest.Extensions, rest.Origin, rest.Title, rest.Description = nil, nil, "", ""
	rest.Example, rest.ExternalDocs, rest.Deprecated, rest.XML = nil, nil, false, nil
	return reflect.ValueOf(rest).IsZero()
}
