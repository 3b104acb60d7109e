// pulumi-sdkgen: writes the Python and Go SDKs of a Pulumi package schema with Pulumi's own code generators
// (github.com/pulumi/pulumi/pkg/v3/codegen/python and codegen/go), offline. `pulumi package gen-sdk` would ask
// the languages' plugins to do it, which would then have to be installed; the generators themselves are in pkg/v3.
//
// Built by scripts/generate/language-sdks.sh in the module of the Pulumi CLI's own build, so that the generators
// are the CLI's version.
//
//	pulumi-sdkgen <schema.json> <python folder> <go module folder>
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "pulumi-chime-messaging"

// noReferences is the loader of a package that references no other package: it refuses every load.
type noReferences struct{}

func (noReferences) refuse(name string) error {
	return fmt.Errorf("the schema references the package %s; it must reference none", name)
}

func (l noReferences) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return nil, l.refuse(pkg)
}

func (l noReferences) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, l.refuse(d.Name)
}

func (l noReferences) LoadPackageReference(pkg string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, l.refuse(pkg)
}

func (l noReferences) LoadPackageReferenceV2(
	_ context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return nil, l.refuse(d.Name)
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: pulumi-sdkgen <schema.json> <python folder> <go folder>")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-sdkgen: %v\n", err)
		os.Exit(1)
	}
}

func run(schemaFile, pythonDir, goDir string) error {
	text, err := os.ReadFile(schemaFile)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(text, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaFile, err)
	}
	pkg, diags, err := schema.BindSpec(spec, noReferences{}, schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return diags
	}
	python, err := pygen.GeneratePackage(tool, pkg, nil, noReferences{})
	if err != nil {
		return fmt.Errorf("python: %w", err)
	}
	// setup.py reads the distribution's description from README.md beside it; the generator writes the readme only
	// into the package folder.
	info, _ := pkg.Language["python"].(pygen.PackageInfo)
	readme, ok := python[filepath.Join(info.PackageName, "README.md")]
	if !ok {
		return fmt.Errorf("python: no README.md in the package folder %q", info.PackageName)
	}
	python["README.md"] = readme
	if err := write(pythonDir, python); err != nil {
		return err
	}
	golang, err := gogen.GeneratePackage(tool, pkg, nil)
	if err != nil {
		return fmt.Errorf("go: %w", err)
	}
	return write(goDir, golang)
}

// write puts the generated files into the folder, each top-level entry they make replacing the one there (a file
// no longer generated must not stay), and leaves the folder's other entries (go.mod, tests) alone.
func write(dir string, files map[string][]byte) error {
	for name := range files {
		top := strings.SplitN(filepath.ToSlash(name), "/", 2)[0]
		if err := os.RemoveAll(filepath.Join(dir, top)); err != nil {
			return err
		}
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}
