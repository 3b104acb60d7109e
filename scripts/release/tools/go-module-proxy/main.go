// go-module-proxy: writes a Go module as a module proxy serves it (the GOPROXY protocol's file layout), so that
// `GOPROXY=file://<folder>` resolves it with no repository: <folder>/<module path>/@v/list, <version>.info,
// <version>.mod and <version>.zip, the zip made by golang.org/x/mod/zip as the go command makes it.
//
//	go-module-proxy <module folder> <version> <proxy folder>
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: go-module-proxy <module folder> <version> <proxy folder>")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintf(os.Stderr, "go-module-proxy: %v\n", err)
		os.Exit(1)
	}
}

func run(moduleDir, version, proxyDir string) error {
	goMod, err := os.ReadFile(filepath.Join(moduleDir, "go.mod"))
	if err != nil {
		return err
	}
	modulePath := modfile.ModulePath(goMod)
	if modulePath == "" {
		return fmt.Errorf("%s/go.mod names no module", moduleDir)
	}
	mod := module.Version{Path: modulePath, Version: version}
	if err := module.Check(mod.Path, mod.Version); err != nil {
		return err
	}
	escaped, err := module.EscapePath(mod.Path)
	if err != nil {
		return err
	}
	dir := filepath.Join(proxyDir, escaped, "@v")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	zipFile, err := os.Create(filepath.Join(dir, version+".zip"))
	if err != nil {
		return err
	}
	defer zipFile.Close()
	if err := modzip.CreateFromDir(zipFile, mod, moduleDir); err != nil {
		return err
	}
	info, err := json.Marshal(struct {
		Version string
		Time    time.Time
	}{version, time.Unix(0, 0).UTC()})
	if err != nil {
		return err
	}
	files := map[string][]byte{version + ".info": info, version + ".mod": goMod, "list": []byte(version + "\n")}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), content, 0o644); err != nil {
			return err
		}
	}
	return nil
}
