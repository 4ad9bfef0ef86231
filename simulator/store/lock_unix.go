//go:build unix

package store

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// fileLock is what a file store holds while open: an exclusive flock on
// the database file itself (so that a hard link to it is refused too) and
// on FILE.lock beside the path's resolved name (so that a symlink is, and a
// file moved aside and recreated by --db-recover stays covered). Locks go
// with the process, however it ends.
type fileLock struct {
	path string   // the resolved path
	name *os.File // path+".lock"
	data *os.File // the database file
}

// lockFile locks the store file at path, or says which capsim holds it.
func lockFile(path string) (*fileLock, error) {
	real, err := resolve(path)
	if err != nil {
		return nil, fmt.Errorf("store: lock %s: %w", path, err)
	}
	l := &fileLock{path: real}
	name := real + ".lock"
	if l.name, err = flock(name, path); err != nil {
		return nil, err
	}
	if err := l.relock(); err != nil {
		l.Close()
		return nil, err
	}
	return l, nil
}

// relock locks the file now at the resolved path (after --db-recover made a
// new one) and lets go of the one held before.
func (l *fileLock) relock() error {
	f, err := flock(l.path, l.path)
	if err != nil {
		return err
	}
	if l.data != nil {
		l.data.Close()
	}
	l.data = f
	return nil
}

// follow locks the file at the resolved path again if it is no longer the
// one held: buntdb compacts a file by writing a new one over its name.
func (l *fileLock) follow() {
	if l == nil || l.data == nil {
		return
	}
	held, err1 := l.data.Stat()
	now, err2 := os.Stat(l.path)
	if err1 != nil || err2 != nil || os.SameFile(held, now) {
		return
	}
	_ = l.relock()
}

// Close releases the locks.
func (l *fileLock) Close() {
	if l == nil {
		return
	}
	for _, f := range []*os.File{l.data, l.name} {
		if f != nil {
			f.Close()
		}
	}
}

// flock opens name (creating it) and takes an exclusive lock on it.
func flock(name, db string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", name, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s is in use by another capsim (it holds %s): stop that one or give this one another --db", db, name)
	}
	return f, nil
}

// resolve returns path with every symlink resolved; a file not there yet
// is named by its resolved directory.
func resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real, nil
	} else if !os.IsNotExist(err) {
		return "", err
	}
	if _, err := os.Lstat(abs); err == nil { // a dangling symlink: its target is made where it points
		target, err := os.Readlink(abs)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(abs), target)
		}
		return resolve(target)
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, filepath.Base(abs)), nil
}
