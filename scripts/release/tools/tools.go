//go:build tools

// The release build's Go tools, pinned by this module's go.mod and go.sum:
//   - Anchore's quill (github.com/anchore/quill): the ad hoc signature of the darwin plugin executables
//     (`quill sign <file>`, as `codesign --force --sign -` on macOS: an Apple-silicon Mac kills unsigned code), and
//     the tests' independent reading of it (`quill describe <file>`);
//   - go-module-proxy (this folder): the Go SDK as a module in the GOPROXY layout.
package tools

import _ "github.com/anchore/quill/cmd/quill"
