package contract

import (
	"encoding"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	gojson "github.com/goccy/go-json"
)

// decodeJSONForm decodes the JSON form of a document (see ParsedDir) into
// the very value kin-openapi's loader unmarshals from it, before references
// are resolved, in one pass. kin-openapi's own UnmarshalJSON methods decode
// every object twice (into its struct, then into a map for its extensions)
// and each nested one again for its parent's extensions, which made this
// decoding half of start-up. It reports ok false for a document that uses
// what it does not decode exactly as kin-openapi does (a null, a boolean
// schema, a key in another case than its field's): the caller then uses kin-openapi's loader.
// TestDecodeJSONForm checks, document by document, that both agree.
func decodeJSONForm(b []byte) (doc *openapi3.T, ok bool) {
	var tree any
	if err := gojson.Unmarshal(b, &tree); err != nil {
		return nil, false
	}
	doc = &openapi3.T{}
	if err := formValue(reflect.ValueOf(doc).Elem(), tree); err != nil {
		return nil, false
	}
	return doc, true
}

// errKin says a value is one kin-openapi decodes in a way formValue does
// not copy: the whole document goes to kin-openapi's loader.
var errKin = errors.New("contract: decoded by kin-openapi")

var (
	typePaths     = reflect.TypeFor[openapi3.Paths]()
	typeResponses = reflect.TypeFor[openapi3.Responses]()
	typeCallback  = reflect.TypeFor[openapi3.Callback]()
	typeTypes     = reflect.TypeFor[openapi3.Types]()
	typeBool      = reflect.TypeFor[openapi3.BoolSchema]()
	typeBound     = reflect.TypeFor[openapi3.ExclusiveBound]()
	typeHeader    = reflect.TypeFor[openapi3.Header]()
	typeSchema    = reflect.TypeFor[openapi3.Schema]()
	typeSchemaRef = reflect.TypeFor[openapi3.SchemaRef]()
	typeString    = reflect.TypeFor[string]()

	unmarshaler     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// plainObjects are kin-openapi's objects whose UnmarshalJSON decodes the
// struct by its json tags and keeps every other key in Extensions (nil when
// there are none): formValue does the same in one pass.
var plainObjects = map[reflect.Type]bool{}

// refObjects are kin-openapi's references: a $ref (with a summary and a
// description, but for a schema) or the object itself in Value.
var refObjects = map[reflect.Type]bool{}

func init() {
	for _, v := range []any{openapi3.T{}, openapi3.Components{}, openapi3.Contact{}, openapi3.Discriminator{},
		openapi3.Encoding{}, openapi3.Example{}, openapi3.ExternalDocs{}, openapi3.Info{}, openapi3.License{},
		openapi3.Link{}, openapi3.MediaType{}, openapi3.Operation{}, openapi3.Parameter{}, openapi3.PathItem{},
		openapi3.RequestBody{}, openapi3.Response{}, openapi3.Schema{}, openapi3.SecurityScheme{},
		openapi3.OAuthFlows{}, openapi3.OAuthFlow{}, openapi3.Server{}, openapi3.ServerVariable{},
		openapi3.Tag{}, openapi3.XML{}} {
		plainObjects[reflect.TypeOf(v)] = true
	}
	for _, v := range []any{openapi3.CallbackRef{}, openapi3.ExampleRef{}, openapi3.HeaderRef{}, openapi3.LinkRef{},
		openapi3.ParameterRef{}, openapi3.RequestBodyRef{}, openapi3.ResponseRef{}, openapi3.SchemaRef{},
		openapi3.SecuritySchemeRef{}} {
		refObjects[reflect.TypeOf(v)] = true
	}
}

// formValue sets v, addressable, to what encoding/json with kin-openapi's
// methods would decode from j, a value of a decoded JSON tree.
func formValue(v reflect.Value, j any) error {
	t := v.Type()
	switch {
	case t == typePaths:
		return formMapLike(v, j, openapi3.NewPathsWithCapacity, (*openapi3.Paths).Set)
	case t == typeResponses:
		return formMapLike(v, j, openapi3.NewResponsesWithCapacity, (*openapi3.Responses).Set)
	case t == typeCallback:
		return formMapLike(v, j, openapi3.NewCallbackWithCapacity, (*openapi3.Callback).Set)
	case t == typeTypes:
		if s, ok := j.(string); ok {
			v.Set(reflect.ValueOf(openapi3.Types{s}))
			return nil
		}
		return formKind(v, j)
	case t == typeBool:
		switch y := j.(type) {
		case bool:
			v.Field(0).Set(reflect.ValueOf(&y))
			return nil
		case map[string]any:
			ref := &openapi3.SchemaRef{}
			if len(y) == 0 {
				ref.Value = &openapi3.Schema{}
			} else if err := formValue(reflect.ValueOf(ref).Elem(), y); err != nil {
				return err
			}
			v.Addr().Interface().(*openapi3.BoolSchema).Schema = ref
			return nil
		}
		return errKin
	case t == typeBound:
		switch y := j.(type) {
		case bool:
			v.Addr().Interface().(*openapi3.ExclusiveBound).Bool = &y
			return nil
		case float64:
			v.Addr().Interface().(*openapi3.ExclusiveBound).Value = &y
			return nil
		}
		return errKin
	case t == typeHeader:
		return formValue(v.Field(0), j)
	case plainObjects[t]:
		return formObject(v, j)
	case refObjects[t]:
		return formRef(v, j)
	case t.Kind() == reflect.Interface:
		if j != nil {
			v.Set(reflect.ValueOf(j))
		}
		return nil
	case reflect.PointerTo(t).Implements(unmarshaler) || reflect.PointerTo(t).Implements(textUnmarshaler):
		// A type of its own decoding, which formValue does not know.
		return kinValue(v, j)
	}
	return formKind(v, j)
}

// kinValue decodes j into v, addressable, by kin-openapi's own methods: for
// the few small values formValue does not copy.
func kinValue(v reflect.Value, j any) error {
	b, err := json.Marshal(j)
	if err != nil {
		return errKin
	}
	if err := json.Unmarshal(b, v.Addr().Interface()); err != nil {
		return errKin
	}
	return nil
}

// formKind decodes j into v by v's kind: pointers, slices, maps with
// string keys and scalars; anything else (a struct formValue does not
// know, a null) is errKin.
func formKind(v reflect.Value, j any) error {
	t := v.Type()
	switch t.Kind() {
	case reflect.Pointer:
		if j == nil {
			return errKin // a null: kin-openapi sometimes marks it (explicitly null responses)
		}
		p := reflect.New(t.Elem())
		if err := formValue(p.Elem(), j); err != nil {
			return err
		}
		v.Set(p)
		return nil
	case reflect.Slice:
		a, ok := j.([]any)
		if !ok {
			return errKin
		}
		s := reflect.MakeSlice(t, len(a), len(a))
		for i, e := range a {
			if err := formValue(s.Index(i), e); err != nil {
				return err
			}
		}
		v.Set(s)
		return nil
	case reflect.Map:
		m, ok := j.(map[string]any)
		if !ok || t.Key() != typeString {
			return errKin
		}
		out := reflect.MakeMapWithSize(t, len(m))
		e := reflect.New(t.Elem()).Elem()
		for k, x := range m {
			e.SetZero()
			if err := formValue(e, x); err != nil {
				return err
			}
			out.SetMapIndex(reflect.ValueOf(k), e)
		}
		v.Set(out)
		return nil
	case reflect.String, reflect.Bool, reflect.Float64:
		// A JSON string, boolean or number, as encoding/json decodes it.
		jv := reflect.ValueOf(j)
		if !jv.IsValid() || jv.Kind() != t.Kind() {
			return errKin
		}
		v.Set(jv.Convert(t))
		return nil
	case reflect.Uint64, reflect.Int, reflect.Int64:
		f, ok := j.(float64)
		if !ok || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
			return errKin
		}
		if t.Kind() == reflect.Uint64 {
			if f < 0 {
				return errKin
			}
			v.SetUint(uint64(f))
		} else {
			v.SetInt(int64(f))
		}
		return nil
	}
	return errKin
}

// formMapLike decodes one of kin-openapi's map-like objects M (paths,
// responses, a callback), made by newMap and filled by set: x- keys are its
// extensions (an empty map when there are none, as kin-openapi leaves it),
// every other key an entry E.
func formMapLike[M, E any](v reflect.Value, j any, newMap func(int) *M, set func(*M, string, *E)) error {
	m, ok := j.(map[string]any)
	if !ok {
		return errKin
	}
	p := v.Addr().Interface().(*M)
	*p = *newMap(len(m))
	ext := map[string]any{}
	for k, e := range m {
		if strings.HasPrefix(k, "x-") {
			ext[k] = e
			continue
		}
		var x E
		if err := formValue(reflect.ValueOf(&x).Elem(), e); err != nil {
			return err
		}
		set(p, k, &x)
	}
	v.FieldByName("Extensions").Set(reflect.ValueOf(ext))
	return nil
}

// formObject decodes one of plainObjects.
func formObject(v reflect.Value, j any) error {
	m, ok := j.(map[string]any)
	if !ok {
		return errKin // a boolean schema, say
	}
	fields := jsonFields(v.Type())
	var ext map[string]any
	for k, e := range m {
		i, ok := fields.exact[k]
		if !ok {
			if fields.folded[strings.ToLower(k)] {
				return errKin // encoding/json would match a field whatever its case
			}
			if ext == nil {
				ext = map[string]any{}
			}
			ext[k] = e
			continue
		}
		if err := formValue(v.Field(i), e); err != nil {
			return err
		}
	}
	if ext != nil {
		v.FieldByName("Extensions").Set(reflect.ValueOf(ext))
	}
	return nil
}

// formRef decodes one of refObjects: a $ref alone (a schema's) or with
// a summary and a description (the others'), else the object in Value.
func formRef(v reflect.Value, j any) error {
	m, ok := j.(map[string]any)
	if !ok {
		return errKin
	}
	ref, isRef := m["$ref"]
	if !isRef {
		return formValue(v.FieldByName("Value"), j)
	}
	s, ok := ref.(string)
	if !ok || s == "" {
		return errKin
	}
	for k, e := range m {
		switch {
		case k == "$ref":
		case (k == "summary" || k == "description") && v.Type() != typeSchemaRef:
			d, ok := e.(string)
			if !ok {
				return errKin
			}
			v.FieldByName(strings.ToUpper(k[:1]) + k[1:]).Set(reflect.ValueOf(&d))
		default:
			// Siblings of a $ref, which kin-openapi keeps in fields of
			// its own.
			v.SetZero()
			return kinValue(v, j)
		}
	}
	v.FieldByName("Ref").SetString(s)
	return nil
}

// objectFields are a struct's fields by json name, and the lower-case
// names that encoding/json would also match.
type objectFields struct {
	exact  map[string]int
	folded map[string]bool
}

var fieldCache sync.Map // reflect.Type -> objectFields; bounded by plainObjects

// jsonFields returns t's fields by json name.
func jsonFields(t reflect.Type) objectFields {
	if f, ok := fieldCache.Load(t); ok {
		return f.(objectFields)
	}
	f := objectFields{exact: map[string]int{}, folded: map[string]bool{}}
	for i := range t.NumField() {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if !sf.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		f.exact[name] = i
		f.folded[strings.ToLower(name)] = true
	}
	fieldCache.Store(t, f)
	return f
}
