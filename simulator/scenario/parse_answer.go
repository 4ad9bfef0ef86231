package scenario

import (
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"time"

	"gopkg.in/yaml.v3"
)

func (p *parser) answer(n *yaml.Node, a *Answer) {
	before := len(p.probs)
	ok := p.fields(n, "answer", map[string]func(*yaml.Node){
		"code": func(v *yaml.Node) {
			if s, ok := p.str(v, "code"); ok {
				a.Code = s
			}
		},
		"status": func(v *yaml.Node) {
			if s, ok := p.integer(v, "status", 200, 599); ok {
				a.Status = int(s)
			}
		},
		"body": func(v *yaml.Node) { a.Body = p.body(v) },
		"headers": func(v *yaml.Node) {
			a.Headers = http.Header{}
			if v.Kind != yaml.MappingNode {
				p.problem(v.Line, "headers must be a mapping of names to values, got %s", kindName(v))
				return
			}
			for i := 0; i+1 < len(v.Content); i += 2 {
				if s, ok := p.str(v.Content[i+1], "header "+v.Content[i].Value); ok {
					a.Headers.Set(v.Content[i].Value, s)
				}
			}
		},
		"rateLimit": func(v *yaml.Node) {
			a.RateLimit = &RateLimit{RetryAfter: time.Second}
			p.fields(v, "rateLimit", map[string]func(*yaml.Node){
				"retryAfter": func(x *yaml.Node) {
					if n, err := strconv.Atoi(x.Value); err == nil && x.Kind == yaml.ScalarNode && n >= 1 && n <= 86400 {
						a.RateLimit.RetryAfter = time.Duration(n) * time.Second
						return
					}
					if d, ok := p.duration(x, "rateLimit.retryAfter"); ok {
						if d < time.Second {
							p.problem(x.Line, "rateLimit.retryAfter must be at least 1s (Retry-After is in whole seconds)")
						}
						a.RateLimit.RetryAfter = d
					}
				},
			})
		},
		"fault": func(v *yaml.Node) {
			if s, ok := p.str(v, "fault"); ok {
				switch Fault(s) {
				case FaultReset, FaultEmpty, FaultGarbage:
					a.Fault = Fault(s)
				default:
					p.problem(v.Line, "fault %q: want reset, empty or garbage (slowBody and delay are keys of their own)", s)
				}
			}
		},
		"delay": func(v *yaml.Node) { a.Delay = p.delay(v) },
		"slowBody": func(v *yaml.Node) {
			a.SlowBody = &SlowBody{Chunks: 10, Duration: time.Second}
			p.fields(v, "slowBody", map[string]func(*yaml.Node){
				"chunks": func(x *yaml.Node) {
					if c, ok := p.integer(x, "slowBody.chunks", 1, 10000); ok {
						a.SlowBody.Chunks = int(c)
					}
				},
				"duration": func(x *yaml.Node) { a.SlowBody.Duration, _ = p.duration(x, "slowBody.duration") },
			})
		},
	})
	if !ok || len(p.probs) > before {
		return
	}
	set := 0
	for _, b := range []bool{a.Code != "", a.Status != 0, a.RateLimit != nil, a.Fault != ""} {
		if b {
			set++
		}
	}
	switch {
	case set > 1:
		p.problem(n.Line, "answer: give only one of code, status, rateLimit, fault")
	case set == 0 && a.Delay == nil && a.SlowBody == nil:
		p.problem(n.Line, "answer: give one of code, status, rateLimit, fault, delay, slowBody")
	case (a.Body != "" || a.Headers != nil) && a.Status == 0:
		p.problem(n.Line, "answer: body and headers go with status")
	case a.Fault != "" && a.SlowBody != nil:
		p.problem(n.Line, "answer: a fault writes no body to slow down; drop slowBody")
	}
}

// body reads a raw body: a string as is, or YAML structure written as JSON.
func (p *parser) body(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	var v any
	if err := n.Decode(&v); err != nil {
		p.problem(n.Line, "body: %v", err)
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		p.problem(n.Line, "body cannot be written as JSON: %v", err)
		return ""
	}
	return string(b)
}

func (p *parser) delay(n *yaml.Node) *Delay {
	d := &Delay{}
	if n.Kind == yaml.ScalarNode {
		if v, ok := p.duration(n, "delay"); ok {
			d.Kind, d.Fixed = DelayFixed, v
			return d
		}
		return nil
	}
	set := 0
	p.fields(n, "delay", map[string]func(*yaml.Node){
		"fixed": func(v *yaml.Node) { set++; d.Kind = DelayFixed; d.Fixed, _ = p.duration(v, "delay.fixed") },
		"uniform": func(v *yaml.Node) {
			set++
			d.Kind = DelayUniform
			p.fields(v, "delay.uniform", map[string]func(*yaml.Node){
				"min": func(x *yaml.Node) { d.Min, _ = p.duration(x, "delay.uniform.min") },
				"max": func(x *yaml.Node) { d.Max, _ = p.duration(x, "delay.uniform.max") },
			})
			if d.Max < d.Min || d.Max == 0 {
				p.problem(v.Line, "delay.uniform needs min <= max and max > 0")
			}
		},
		"lognormal": func(v *yaml.Node) {
			set++
			d.Kind = DelayLognormal
			d.Sigma = 0.5
			p.fields(v, "delay.lognormal", map[string]func(*yaml.Node){
				"median": func(x *yaml.Node) { d.Median, _ = p.duration(x, "delay.lognormal.median") },
				"sigma": func(x *yaml.Node) {
					s, ok := p.str(x, "delay.lognormal.sigma")
					f, err := strconv.ParseFloat(s, 64)
					if ok && (err != nil || f <= 0 || f > 5) {
						p.problem(x.Line, "delay.lognormal.sigma must be a number in (0, 5], got %q", s)
						return
					}
					d.Sigma = f
				},
			})
			if d.Median <= 0 {
				p.problem(v.Line, "delay.lognormal needs a median above 0, such as 200ms")
			}
		},
		"max": func(v *yaml.Node) { d.Cap, _ = p.duration(v, "delay.max") },
	})
	if set != 1 {
		p.problem(n.Line, "delay: give exactly one of fixed, uniform, lognormal (and optionally max)")
		return nil
	}
	return d
}

func (p *parser) when(n *yaml.Node, w *When) {
	if n.Kind == yaml.ScalarNode {
		if n.Value != string(Always) {
			p.problem(n.Line, "when %q: want always, or a mapping with first, after, probability or sequence", n.Value)
		}
		return
	}
	set := 0
	var repeatNode *yaml.Node
	p.fields(n, "when", map[string]func(*yaml.Node){
		"first": func(v *yaml.Node) { set++; w.Kind = First; w.N, _ = p.integer(v, "when.first", 1, math.MaxInt32) },
		"after": func(v *yaml.Node) { set++; w.Kind = After; w.N, _ = p.integer(v, "when.after", 0, math.MaxInt32) },
		"probability": func(v *yaml.Node) {
			set++
			w.Kind = Probability
			s, ok := p.str(v, "when.probability")
			f, err := strconv.ParseFloat(s, 64)
			if ok && (err != nil || f <= 0 || f > 1) {
				p.problem(v.Line, "when.probability must be a number in (0, 1], got %q", s)
				return
			}
			w.Probability = f
		},
		"sequence": func(v *yaml.Node) {
			set++
			w.Kind = Sequence
			if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
				p.problem(v.Line, "when.sequence must be a non-empty list of fail and pass, got %s", kindName(v))
				return
			}
			for _, it := range v.Content {
				switch it.Value {
				case "fail":
					w.Sequence = append(w.Sequence, true)
				case "pass":
					w.Sequence = append(w.Sequence, false)
				default:
					p.problem(it.Line, "when.sequence step %s: want fail or pass", kindName(it))
				}
			}
		},
		"repeat": func(v *yaml.Node) {
			repeatNode = v
			s, _ := p.str(v, "when.repeat")
			b, err := strconv.ParseBool(s)
			if err != nil {
				p.problem(v.Line, "when.repeat must be true or false, got %q", s)
			}
			w.Repeat = b
		},
	})
	if set != 1 {
		p.problem(n.Line, "when: give exactly one of first, after, probability, sequence")
	}
	if repeatNode != nil && w.Kind != Sequence {
		p.problem(repeatNode.Line, "when.repeat goes with sequence")
	}
}
