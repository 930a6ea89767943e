package source

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// Open opens a plain or gzip-compressed file; gzip is recognized by its magic
// bytes, not by the name. Reading a truncated or corrupt gzip stream fails
// with an error that says so (never a silent short read); the readers of this
// package report it as name:line: truncated or corrupt gzip data: ....
//
// A gzip stream is decompressed ahead of the reader in a goroutine, so that
// decompression and parsing run in parallel. Close releases it.
func Open(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(f, 64<<10)
	magic, _ := br.Peek(2)
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", path, asGzipError(err))
		}
		return newReadAhead(gzipErrReader{zr}, f), nil
	}
	return plainFile{br, f}, nil
}

type plainFile struct {
	*bufio.Reader
	f *os.File
}

func (p plainFile) Close() error { return p.f.Close() }

// baseName is the name used in messages for a path.
func baseName(path string) string { return filepath.Base(path) }

// gzipError marks an error of the gzip stream itself: truncation, bad
// checksum, bad header or corrupt deflate data.
type gzipError struct{ err error }

func (e *gzipError) Error() string { return "truncated or corrupt gzip data: " + e.err.Error() }
func (e *gzipError) Unwrap() error { return e.err }

// asGzipError marks the errors that mean a damaged gzip stream.
func asGzipError(err error) error {
	var ce flate.CorruptInputError
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum) ||
		errors.Is(err, gzip.ErrHeader) || errors.As(err, &ce) {
		return &gzipError{err}
	}
	return err
}

// gzipErrReader marks the damaged-stream errors of a gzip reader.
type gzipErrReader struct{ r io.Reader }

func (g gzipErrReader) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err != nil && err != io.EOF {
		err = asGzipError(err)
	}
	return n, err
}

// readAhead reads its source in a goroutine, a few chunks ahead of Read.
type readAhead struct {
	chunks chan chunk
	free   chan []byte
	done   chan struct{}
	cur    chunk
	off    int
	closer io.Closer
	once   sync.Once
}

type chunk struct {
	buf []byte
	n   int
	err error
}

const (
	readAheadChunk  = 256 << 10
	readAheadChunks = 4
)

var errClosed = errors.New("read after Close")

func newReadAhead(r io.Reader, closer io.Closer) *readAhead {
	ra := &readAhead{
		chunks: make(chan chunk, readAheadChunks),
		free:   make(chan []byte, readAheadChunks+1),
		done:   make(chan struct{}),
		closer: closer,
	}
	for i := 0; i < readAheadChunks+1; i++ {
		ra.free <- make([]byte, readAheadChunk)
	}
	go ra.run(r)
	return ra
}

func (ra *readAhead) run(r io.Reader) {
	for {
		var buf []byte
		select {
		case buf = <-ra.free:
		case <-ra.done:
			return
		}
		n := 0
		var err error
		for n < len(buf) && err == nil {
			var m int
			m, err = r.Read(buf[n:])
			n += m
		}
		select {
		case ra.chunks <- chunk{buf, n, err}:
		case <-ra.done:
			return
		}
		if err != nil {
			return
		}
	}
}

func (ra *readAhead) Read(p []byte) (int, error) {
	for ra.off >= ra.cur.n {
		if ra.cur.err != nil {
			return 0, ra.cur.err
		}
		if ra.cur.buf != nil {
			ra.free <- ra.cur.buf // never blocks: free holds every buffer
			ra.cur.buf = nil
		}
		select {
		case c := <-ra.chunks:
			ra.cur, ra.off = c, 0
		case <-ra.done:
			return 0, errClosed
		}
	}
	n := copy(p, ra.cur.buf[ra.off:ra.cur.n])
	ra.off += n
	return n, nil
}

func (ra *readAhead) Close() error {
	err := errClosed
	ra.once.Do(func() {
		close(ra.done)
		err = ra.closer.Close()
	})
	return err
}
