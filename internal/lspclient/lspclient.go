// Package lspclient is a minimal Language Server Protocol client over a
// server's standard input and output: enough for txvet's gopls tests and
// latency measurements to start gopls with initialization options, open
// and edit files, have them diagnosed and read the diagnostics an editor
// would show.
//
// Files are diagnosed through gopls's gopls.diagnose_files command, which
// answers only after it has published the diagnostics of the files
// (the route `gopls check` takes): the diagnostics a Client holds when
// Diagnose returns are final for that version of the files.
package lspclient

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"time"
	"unicode/utf16"
)

// Diagnostic is the part of an LSP diagnostic the callers read.
type Diagnostic struct {
	Range              Range     `json:"range"`
	Severity           int       `json:"severity"` // 1 error, 2 warning, 3 information, 4 hint
	Code               any       `json:"code"`     // gopls: the analysis category
	Source             string    `json:"source"`   // gopls: the analyzer's name
	Message            string    `json:"message"`
	RelatedInformation []Related `json:"relatedInformation"`
}

// Related is an LSP DiagnosticRelatedInformation.
type Related struct {
	Location struct {
		URI   string `json:"uri"`
		Range Range  `json:"range"`
	} `json:"location"`
	Message string `json:"message"`
}

// Range is an LSP range: zero-based lines, UTF-16 columns.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// Position is an LSP position.
type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// Client is a connection to one server process.
type Client struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr *os.File // the server writes it directly: no copying goroutine to race with

	writeMu sync.Mutex
	mu      sync.Mutex
	nextID  int
	pending map[int]chan response
	diags   map[string][]Diagnostic // by file path
	readErr error
	done    chan struct{} // closed when the read loop ends

	closeOnce sync.Once
	closeErr  error
}

type response struct {
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// Start runs server (with args, in dir, with env added to the process's
// environment), and initializes it for the workspace dir with the given
// initializationOptions (gopls's settings; nil for none).
func Start(ctx context.Context, dir string, env []string, options map[string]any, server string, args ...string) (*Client, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(server, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	c := &Client{cmd: cmd, pending: make(map[int]chan response), diags: make(map[string][]Diagnostic), done: make(chan struct{})}
	if c.stderr, err = os.CreateTemp("", "lspclient-*.stderr"); err != nil {
		return nil, err
	}
	os.Remove(c.stderr.Name()) // the open file stays readable
	cmd.Stderr = c.stderr
	if c.stdin, err = cmd.StdinPipe(); err != nil {
		c.stderr.Close()
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		c.stderr.Close()
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		c.stderr.Close()
		return nil, err
	}
	go c.readLoop(bufio.NewReader(stdout))

	root := URI(dir)
	params := map[string]any{
		"processId":        os.Getpid(),
		"rootUri":          root,
		"workspaceFolders": []map[string]string{{"uri": root, "name": filepath.Base(dir)}},
		"capabilities": map[string]any{
			"textDocument": map[string]any{
				"publishDiagnostics": map[string]any{"relatedInformation": true},
				"codeAction": map[string]any{"codeActionLiteralSupport": map[string]any{
					"codeActionKind": map[string]any{"valueSet": []string{"quickfix"}},
				}},
			},
		},
	}
	if options != nil {
		params["initializationOptions"] = options
	}
	if err := c.Call(ctx, "initialize", params, nil); err != nil {
		c.Close()
		return nil, err
	}
	if err := c.Notify("initialized", map[string]any{}); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// Call sends a request and decodes its result into result (unless nil).
func (c *Client) Call(ctx context.Context, method string, params, result any) error {
	c.mu.Lock()
	if c.readErr != nil {
		c.mu.Unlock()
		return c.failure(method, c.readErr)
	}
	c.nextID++
	id := c.nextID
	ch := make(chan response, 1)
	c.pending[id] = ch
	c.mu.Unlock()
	if err := c.write(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params}); err != nil {
		return c.failure(method, err)
	}
	select {
	case <-ctx.Done():
		return c.failure(method, ctx.Err())
	case <-c.done:
		return c.failure(method, c.readErr)
	case r := <-ch:
		if r.Error != nil {
			return fmt.Errorf("%s: %s (code %d)", method, r.Error.Message, r.Error.Code)
		}
		if result != nil {
			return json.Unmarshal(r.Result, result)
		}
		return nil
	}
}

func (c *Client) failure(method string, err error) error {
	return fmt.Errorf("%s: %v\nserver stderr:\n%s", method, err, c.stderrHead())
}

// stderrHead is the start of the server's standard error (a panic's
// message and first goroutine), enough to tell what went wrong.
func (c *Client) stderrHead() string {
	buf := make([]byte, 4<<10)
	n, _ := c.stderr.ReadAt(buf, 0)
	s := string(buf[:n])
	if n == len(buf) {
		s += "\n[...]"
	}
	return s
}

// Notify sends a notification.
func (c *Client) Notify(method string, params any) error {
	return c.write(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// Open sends the file's current content as an opened document.
func (c *Client) Open(path string) error {
	text, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return c.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": URI(path), "languageId": "go", "version": 1, "text": string(text),
	}})
}

// Change replaces an opened document's content with text, as version.
func (c *Client) Change(path, text string, version int) error {
	return c.Notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": URI(path), "version": version},
		"contentChanges": []map[string]string{{"text": text}},
	})
}

// Diagnose has the server diagnose the files and waits until it has
// published their diagnostics.
func (c *Client) Diagnose(ctx context.Context, paths ...string) error {
	uris := make([]string, len(paths))
	for i, p := range paths {
		uris[i] = URI(p)
	}
	return c.Call(ctx, "workspace/executeCommand", map[string]any{
		"command":   "gopls.diagnose_files",
		"arguments": []any{map[string]any{"Files": uris}},
	}, nil)
}

// Diagnostics returns the diagnostics last published for the file.
func (c *Client) Diagnostics(path string) []Diagnostic {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.diags[filepath.Clean(path)]
}

// Close shuts the server down and waits for it to exit. Later calls
// return the first call's result.
func (c *Client) Close() error {
	c.closeOnce.Do(func() { c.closeErr = c.shutdown() })
	return c.closeErr
}

func (c *Client) shutdown() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := c.Call(ctx, "shutdown", nil, nil)
	_ = c.Notify("exit", nil) // the server may be gone already; Wait reports how it ended
	c.stdin.Close()
	select {
	case <-c.done:
	case <-ctx.Done():
		_ = c.cmd.Process.Kill() // Wait below reports the end
	}
	if werr := c.cmd.Wait(); err == nil && werr != nil {
		err = fmt.Errorf("server: %v\n%s", werr, c.stderrHead())
	}
	c.stderr.Close()
	return err
}

// Pid returns the server's process ID.
func (c *Client) Pid() int { return c.cmd.Process.Pid }

func (c *Client) write(msg any) error {
	body, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	if _, err := fmt.Fprintf(c.stdin, "Content-Length: %d\r\n\r\n", len(body)); err != nil {
		return err
	}
	_, err = c.stdin.Write(body)
	return err
}

// readLoop handles the server's messages in order, so that diagnostics
// published before a response are recorded before the response arrives.
func (c *Client) readLoop(r *bufio.Reader) {
	err := c.read(r)
	c.mu.Lock()
	c.readErr = err
	c.mu.Unlock()
	close(c.done)
}

func (c *Client) read(r *bufio.Reader) error {
	headers := textproto.NewReader(r)
	for {
		h, err := headers.ReadMIMEHeader()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return errors.New("server closed its output")
			}
			return err
		}
		n, err := strconv.Atoi(h.Get("Content-Length"))
		if err != nil {
			return fmt.Errorf("bad Content-Length %q", h.Get("Content-Length"))
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(r, body); err != nil {
			return err
		}
		var msg struct {
			ID     json.RawMessage `json:"id"`
			Method string          `json:"method"`
			Params json.RawMessage `json:"params"`
			response
		}
		if err := json.Unmarshal(body, &msg); err != nil {
			return fmt.Errorf("decoding %s: %v", body, err)
		}
		switch {
		case msg.Method != "" && msg.ID != nil:
			// A request from the server (registerCapability,
			// workDoneProgress/create, configuration): this client
			// declared no such capability, so a null result does.
			if err := c.write(map[string]any{"jsonrpc": "2.0", "id": msg.ID, "result": nil}); err != nil {
				return err
			}
		case msg.Method == "textDocument/publishDiagnostics":
			var p struct {
				URI         string       `json:"uri"`
				Diagnostics []Diagnostic `json:"diagnostics"`
			}
			if err := json.Unmarshal(msg.Params, &p); err != nil {
				return err
			}
			c.mu.Lock()
			c.diags[Path(p.URI)] = p.Diagnostics
			c.mu.Unlock()
		case msg.Method == "":
			var id int
			if err := json.Unmarshal(msg.ID, &id); err != nil {
				return fmt.Errorf("response with id %s", msg.ID)
			}
			c.mu.Lock()
			ch := c.pending[id]
			delete(c.pending, id)
			c.mu.Unlock()
			if ch != nil {
				ch <- msg.response
			}
		}
	}
}

// URI returns the file URI of an absolute path.
func URI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// Path returns the path of a file URI.
func Path(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return uri
	}
	return filepath.Clean(filepath.FromSlash(u.Path))
}

// ByteColumn converts p's UTF-16 character offset to a one-based byte
// column in line, as go/token and txvet's output count columns.
func (p Position) ByteColumn(line string) int {
	units := 0
	for i, r := range line {
		if units >= p.Character {
			return i + 1
		}
		units += utf16.RuneLen(r)
	}
	return len(line) + 1
}
