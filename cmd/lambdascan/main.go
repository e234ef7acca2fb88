// Command lambdascan scans AWS Lambda code — deployment packages, layers,
// and functions fetched from AWS accounts — for injection flaws, weak
// cryptography, missing encryption, hardcoded secrets and vulnerable
// packages. This package holds flags and wiring only; the work happens in
// engine/, analyzers/, vulndb/, awsscan/ and report/.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
)

// Exit codes, as documented in README.md.
const (
	exitOK       = 0 // the scan ran and nothing is at or above --fail-on
	exitFindings = 1 // findings at or above --fail-on
	exitError    = 2 // the scan could not run (bad flags, unreadable input)
)

// errUsage marks a command-line mistake; the command's usage is printed.
var errUsage = errors.New("usage")

// errFindings means the scan ran and found something at or above --fail-on.
var errFindings = errors.New("findings at or above the --fail-on severity")

// errIncomplete means the scan ran and wrote its report but some input could
// not be read at all; the report says which.
var errIncomplete = errors.New("some inputs could not be scanned")

// version is set at build time with -ldflags "-X main.version=v1.2.3";
// otherwise it comes from the module build info.
var version = ""

func toolVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "0.1.0-dev"
}

type command struct {
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
	summary string
}

func commands() map[string]command {
	return map[string]command{
		"scan":    {runScan, "scan directories, deployment zips, layer zips and jars"},
		"aws":     {runAWS, "fetch and scan the Lambda functions and layers of AWS accounts"},
		"fix":     {runFix, "apply suggested fixes to source folders (--dry-run to preview)"},
		"db":      {runDB, "update, import and inspect the vulnerability database"},
		"rules":   {runRules, "list, explain and test detector rules"},
		"sbom":    {runSBOM, "write a CycloneDX or SPDX SBOM of the packages found"},
		"version": {runVersion, "print the version"},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole program, testable in-process.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitError
		}
		return exitOK
	}
	if args[0] == "--version" || args[0] == "-version" {
		args[0] = "version"
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "lambdascan: unknown command %q\n\n", args[0])
		usage(stderr)
		return exitError
	}
	err := cmd.run(ctx, args[1:], stdout, stderr)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errFindings):
		return exitFindings
	case errors.Is(err, errIncomplete):
		fmt.Fprintf(stderr, "lambdascan %s: %v\n", args[0], err)
		return exitError
	case errors.Is(err, errUsage):
		if msg := strings.TrimPrefix(err.Error(), errUsage.Error()+": "); msg != errUsage.Error() {
			fmt.Fprintf(stderr, "lambdascan %s: %s\n", args[0], msg)
		}
		fmt.Fprintf(stderr, "run 'lambdascan %s -h' for help\n", args[0])
		return exitError
	default:
		fmt.Fprintf(stderr, "lambdascan %s: %v\n", args[0], err)
		return exitError
	}
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "lambdascan %s: a security scanner for AWS Lambda code\n\nUsage: lambdascan COMMAND [flags] [args]\n\nCommands:\n", toolVersion())
	cmds := commands()
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintf(w, "\nExit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 the scan could not run.\n")
}

func runVersion(_ context.Context, _ []string, stdout, _ io.Writer) error {
	fmt.Fprintf(stdout, "lambdascan %s\n", toolVersion())
	return nil
}

// usageErr wraps a message as a usage error.
func usageErr(format string, a ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, a...))
}
