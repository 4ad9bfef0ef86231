package simulator_test

import (
	"testing"

	"github.com/capsim/capsim/simulator"
)

// codeOf returns e's number, 0 for nil.
func codeOf(e *simulator.Error) int {
	if e == nil {
		return 0
	}
	return e.Code.Number()
}

func TestSlabWarnings(t *testing.T) {
	prog := &simulator.Program{ID: 1, Slabs: []simulator.Slab{{Serial: 1}, {Serial: 2}, {Serial: 3}}}
	in := func(serial int) simulator.Standing {
		return simulator.Standing{Program: prog, Loyalty: &simulator.ProgramLoyalty{ProgramID: 1, SlabSerial: serial}}
	}
	for _, tc := range []struct {
		name               string
		st                 simulator.Standing
		upgrade, retention int
	}{
		{"lowest", in(1), 0, 91011},
		{"middle", in(2), 0, 91010},
		{"highest", in(3), 91012, 91010},
		{"not enrolled", simulator.Standing{Program: prog}, 0, 0},
		{"no program", simulator.Standing{}, 0, 0},
		{"unknown slab", in(9), 0, 0},
	} {
		if got := codeOf(tc.st.UpgradeWarning()); got != tc.upgrade {
			t.Errorf("%s: UpgradeWarning %d, want %d", tc.name, got, tc.upgrade)
		}
		if got := codeOf(tc.st.RetentionWarning()); got != tc.retention {
			t.Errorf("%s: RetentionWarning %d, want %d", tc.name, got, tc.retention)
		}
	}
}

func TestFraudRefusal(t *testing.T) {
	for _, status := range simulator.FraudStatuses {
		c := &simulator.Customer{Fraud: simulator.FraudDetails{Status: status}}
		want := 618
		if status == simulator.FraudNone || status == simulator.FraudNotFraud {
			want = 0
		}
		if got := codeOf(c.FraudRefusal()); got != want {
			t.Errorf("%s: FraudRefusal %d, want %d", status, got, want)
		}
	}
	if got := codeOf((&simulator.Customer{}).FraudRefusal()); got != 0 {
		t.Errorf("unmarked: FraudRefusal %d, want 0", got)
	}
}

func TestChannelProfileWarning(t *testing.T) {
	with := func(srcs ...simulator.Source) *simulator.Customer {
		c := &simulator.Customer{}
		for _, s := range srcs {
			c.Profiles = append(c.Profiles, simulator.Profile{Source: s, AccountID: "1"})
		}
		return c
	}
	for _, tc := range []struct {
		name    string
		c       *simulator.Customer
		channel string
		want    int
	}{
		{"wechat without profile", with(simulator.SourceInstore), "WECHAT", 91016},
		{"wechat with profile", with(simulator.SourceInstore, simulator.SourceWeChat), "WECHAT", 0},
		{"android without web engage", with(simulator.SourceInstore), "ANDROID", 91017},
		{"ios with web engage", with(simulator.SourceWebEngage), "IOS", 0},
		{"sms needs no profile", with(), "SMS", 0},
		{"no filter", with(), "", 0},
	} {
		if got := codeOf(tc.c.ChannelProfileWarning(tc.channel)); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
}
