// Command queryhist is a small HTTP service that records the SQL queries its
// users run and pages through them. It ships with the bugs txvet finds; see
// README.md.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"

	"github.com/txvet/txvet/example/history"
)

func main() {
	if err := run(); err != nil {
		log.Fatal(err)
	}
}

func run() error {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address")
	dsn := flag.String("dsn", os.Getenv("DATABASE_URL"), "PostgreSQL connection string")
	driver := flag.String("driver", "sql", `"sql" for database/sql with the pgx stdlib driver, "pgx" for native pgx`)
	maxConns := flag.Int("pool", 0, "maximum number of database connections (0: the library's default)")
	flag.Parse()

	ctx := context.Background()
	var store history.Store
	var err error
	switch *driver {
	case "sql":
		store, err = history.OpenSQL(ctx, *dsn, *maxConns)
	case "pgx":
		store, err = history.OpenPgx(ctx, *dsn, *maxConns)
	default:
		err = fmt.Errorf("unknown driver %q", *driver)
	}
	if err != nil {
		return err
	}
	defer store.Close()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Printf("listening on http://%s\n", ln.Addr())
	return http.Serve(ln, routes(store))
}

func routes(store history.Store) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /history", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			User  int64  `json:"user"`
			Query string `json:"query"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		id, err := store.Record(r.Context(), req.User, req.Query)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusCreated)
		writeJSON(w, map[string]int64{"id": id})
	})
	mux.HandleFunc("GET /history", func(w http.ResponseWriter, r *http.Request) {
		user, _ := strconv.ParseInt(r.FormValue("user"), 10, 64)
		limit, err := strconv.Atoi(r.FormValue("limit"))
		if err != nil || limit <= 0 {
			limit = 50
		}
		offset, _ := strconv.Atoi(r.FormValue("offset"))
		page, err := store.History(r.Context(), user, limit, offset)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		writeJSON(w, page)
	})
	mux.HandleFunc("DELETE /history", func(w http.ResponseWriter, r *http.Request) {
		user, _ := strconv.ParseInt(r.FormValue("user"), 10, 64)
		n, err := store.Clear(r.Context(), user, r.FormValue("before"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		writeJSON(w, map[string]int64{"deleted": n})
	})
	mux.HandleFunc("DELETE /history/{id}", func(w http.ResponseWriter, r *http.Request) {
		user, _ := strconv.ParseInt(r.FormValue("user"), 10, 64)
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		switch err := store.Forget(r.Context(), user, id); {
		case errors.Is(err, history.ErrNotFound):
			http.Error(w, err.Error(), http.StatusNotFound)
		case err != nil:
			http.Error(w, err.Error(), http.StatusInternalServerError)
		default:
			w.WriteHeader(http.StatusNoContent)
		}
	})
	return mux
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		log.Print(err)
	}
}
