// Package undl talks to the UN Digital Library: it lists the files of a
// record through the file API and downloads bulk voting files, resuming an
// interrupted download. It knows nothing of what the files contain.
package undl

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The records that hold the bulk voting files.
const (
	RecordGA = 4060887 // General Assembly voting data
	RecordSC = 4055387 // Security Council voting data
)

// DefaultBase is the UN Digital Library's address.
const DefaultBase = "https://digitallibrary.un.org"

// RecordURL returns the address of a record's page in the library, where
// its files can be downloaded by hand.
func RecordURL(recid int) string { return DefaultBase + "/record/" + strconv.Itoa(recid) }

// OfflineAdvice says how to get the records without network access to the
// library; ingest is the command that ingests files, as the user runs it
// (for instance "blocwatch --db x.db ingest").
func OfflineAdvice(ingest string) string {
	return fmt.Sprintf("Without network access to the UN Digital Library, download the newest bulk voting files by hand from %s (General Assembly) and %s (Security Council), then run: %s FILE...",
		RecordURL(RecordGA), RecordURL(RecordSC), ingest)
}

// File is one file of a record, as the file API lists it.
type File struct {
	Name   string `json:"name"`
	URL    string `json:"url"`
	Format string `json:"format"`
	Size   int64  `json:"size,omitempty"`
}

// Client asks the file API and downloads files. Every call takes a
// context, and no call can hang on a stalled network: connecting, waiting
// for the answer's header and each read of its body are bounded by the
// time-outs below (the defaults when zero). A download that keeps moving is
// never cut short, however long it takes.
type Client struct {
	Base string // DefaultBase if empty
	// HTTP is the client to use; nil means one with the time-outs below.
	// Its own Timeout, if any, bounds whole calls, downloads included.
	HTTP *http.Client
	// ConnectTimeout bounds connecting, TLS handshake included
	// (default 15 s).
	ConnectTimeout time.Duration
	// HeaderTimeout bounds the wait for the answer's header once the
	// request is sent (default 30 s).
	HeaderTimeout time.Duration
	// IdleTimeout bounds the wait for the next bytes of an answer's body
	// (default 60 s).
	IdleTimeout time.Duration
}

// Default time-outs of a Client.
const (
	DefaultConnectTimeout = 15 * time.Second
	DefaultHeaderTimeout  = 30 * time.Second
	DefaultIdleTimeout    = 60 * time.Second
)

func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

func (c *Client) http() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	connect := orDefault(c.ConnectTimeout, DefaultConnectTimeout)
	return &http.Client{Transport: &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: connect, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   connect,
		ResponseHeaderTimeout: orDefault(c.HeaderTimeout, DefaultHeaderTimeout),
		IdleConnTimeout:       90 * time.Second,
		ForceAttemptHTTP2:     true,
	}}
}

// do sends req with a context that is cancelled when the answer's body
// stalls for longer than the idle time-out. The returned body's reads each
// re-arm that limit; closing it releases the context.
func (c *Client) do(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithCancelCause(req.Context())
	idle := orDefault(c.IdleTimeout, DefaultIdleTimeout)
	resp, err := c.http().Do(req.WithContext(ctx))
	if err != nil {
		cancel(nil)
		return nil, err
	}
	timer := time.AfterFunc(idle, func() { cancel(fmt.Errorf("no data for %v", idle)) })
	resp.Body = &idleBody{rc: resp.Body, ctx: ctx, timer: timer, idle: idle, cancel: cancel}
	return resp, nil
}

// idleBody is an answer's body whose reads each must bring data within
// idle, else the request's context is cancelled and the read fails.
type idleBody struct {
	rc     io.ReadCloser
	ctx    context.Context
	timer  *time.Timer
	idle   time.Duration
	cancel context.CancelCauseFunc
}

func (b *idleBody) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	if n > 0 {
		b.timer.Reset(b.idle)
	}
	if err != nil && err != io.EOF {
		if cause := context.Cause(b.ctx); cause != nil && cause != b.ctx.Err() {
			err = fmt.Errorf("%w (%v)", err, cause)
		}
	}
	return n, err
}

func (b *idleBody) Close() error {
	b.timer.Stop()
	err := b.rc.Close()
	b.cancel(nil)
	return err
}

func (c *Client) base() string {
	if c.Base != "" {
		return strings.TrimRight(c.Base, "/")
	}
	return DefaultBase
}

// Files lists the files of record recid.
func (c *Client) Files(ctx context.Context, recid int) ([]File, error) {
	u := c.base() + "/api/v1/file?recid=" + strconv.Itoa(recid)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := c.do(req)
	if err != nil {
		return nil, fmt.Errorf("list files of record %d: %w", recid, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("list files of record %d: %s answered %s", recid, u, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return nil, fmt.Errorf("list files of record %d: %w", recid, err)
	}
	files, err := parseFiles(body)
	if err != nil {
		return nil, fmt.Errorf("list files of record %d: %s: %w", recid, u, err)
	}
	for i := range files {
		if strings.HasPrefix(files[i].URL, "/") {
			files[i].URL = c.base() + files[i].URL
		}
	}
	return files, nil
}

// parseFiles reads the file API's answer: a JSON list of files, or an
// object holding such a list under any key.
func parseFiles(body []byte) ([]File, error) {
	var list []File
	if err := json.Unmarshal(body, &list); err == nil {
		return clean(list), nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil {
		return nil, fmt.Errorf("answer is not JSON: %w", err)
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := json.Unmarshal(obj[k], &list); err == nil && len(clean(list)) > 0 {
			return clean(list), nil
		}
	}
	return nil, errors.New("answer holds no list of files with name and url")
}

func clean(list []File) []File {
	var out []File
	for _, f := range list {
		if f.Name != "" && f.URL != "" {
			out = append(out, f)
		}
	}
	return out
}

var bulkName = regexp.MustCompile(`^(\d{4})_(\d{2})_(\d{2})_(ga|sc)_voting\.csv(\.gz)?$`)

// Newest returns the newest bulk voting file of a body ("ga" or "sc") in a
// file list: files are named like 2026_02_06_ga_voting.csv.
func Newest(files []File, body string) (File, bool) {
	body = strings.ToLower(body)
	var best File
	bestDate := ""
	for _, f := range files {
		m := bulkName.FindStringSubmatch(strings.ToLower(path.Base(f.Name)))
		if m == nil || m[4] != body {
			continue
		}
		d := m[1] + m[2] + m[3]
		if d > bestDate {
			best, bestDate = f, d
		}
	}
	return best, bestDate != ""
}

// Download fetches url into dest. The bytes go to dest+".part" first; an
// interrupted download is resumed from there with an HTTP range request, and
// dest appears only once the whole file is there. progress, if not nil, is
// called with the bytes so far and the total (-1 if unknown).
func (c *Client) Download(ctx context.Context, url, dest string, progress func(done, total int64)) error {
	part := dest + ".part"
	f, err := os.OpenFile(part, os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	have, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	if have > 0 {
		req.Header.Set("Range", fmt.Sprintf("bytes=%d-", have))
	}
	resp, err := c.do(req)
	if err != nil {
		return fmt.Errorf("download %s: %w (the partial file %s is kept; run again to resume)", url, err, part)
	}
	defer resp.Body.Close()
	total := int64(-1)
	switch resp.StatusCode {
	case http.StatusOK:
		// The server sends the whole file: start again.
		if err := f.Truncate(0); err != nil {
			return err
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		have = 0
		total = resp.ContentLength
	case http.StatusPartialContent:
		if resp.ContentLength >= 0 {
			total = have + resp.ContentLength
		}
	case http.StatusRequestedRangeNotSatisfiable:
		// Nothing more to fetch: the part file is complete.
		total = have
	default:
		return fmt.Errorf("download %s: server answered %s", url, resp.Status)
	}
	if progress != nil {
		progress(have, total)
	}
	if resp.StatusCode != http.StatusRequestedRangeNotSatisfiable {
		buf := make([]byte, 256<<10)
		for {
			n, rerr := resp.Body.Read(buf)
			if n > 0 {
				if _, err := f.Write(buf[:n]); err != nil {
					return err
				}
				have += int64(n)
				if progress != nil {
					progress(have, total)
				}
			}
			if rerr == io.EOF {
				break
			}
			if rerr != nil {
				return fmt.Errorf("download %s: interrupted after %d bytes: %w (run again to resume)", url, have, rerr)
			}
		}
	}
	if total >= 0 && have != total {
		return fmt.Errorf("download %s: got %d of %d bytes (run again to resume)", url, have, total)
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(part, dest)
}
