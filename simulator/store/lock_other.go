//go:build !unix

package store

// fileLock does nothing where flock is missing.
type fileLock struct{}

func lockFile(string) (*fileLock, error) { return &fileLock{}, nil }

func (l *fileLock) relock() error { return nil }

// Close does nothing.
func (l *fileLock) Close() {}

func (l *fileLock) follow() {}
