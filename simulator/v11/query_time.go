package v11

import (
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
)

// queryTimeLayouts are the date forms v1.1 query parameters take: a day, or
// a day and a time separated by a space ("+" in a URL), "T" or nothing.
var queryTimeLayouts = []string{
	"2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02T15:04",
	"2006-01-02T15:04:05Z07:00", "2006-01-02 15:04:05Z07:00", "20060102T15:04:05Z07:00",
}

// parseQueryTime parses a v1.1 query date as a wall-clock instant (see
// simulator.Wall).
// A bare day ("2016-12-21") means its first second, or its last when end is
// true, so that start_date=D&end_date=D covers the whole day.
func parseQueryTime(s string, end bool) (time.Time, bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "+", " "))
	if d, err := time.Parse("2006-01-02", s); err == nil {
		if end {
			d = d.Add(24*time.Hour - time.Second)
		}
		return d, true
	}
	// "+05:30" arrives as " 05:30" once "+" became a space: put it back.
	if len(s) > 19 && s[len(s)-6] == ' ' {
		s = s[:len(s)-6] + "+" + s[len(s)-5:]
	}
	for _, l := range queryTimeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return simulator.Wall(t), true
		}
	}
	return time.Time{}, false
}
