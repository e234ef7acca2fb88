// Package sarifcheck validates SARIF logs against the official SARIF 2.1.0
// JSON schema, embedded so that no test ever touches the network. It lives
// apart from package report so the schema is linked only into the tests
// (and tools) that import it, never into the lambdascan binary by accident.
package sarifcheck

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// SchemaID is the id the SARIF 2.1.0 schema gives itself; the embedded copy
// is registered under it.
const SchemaID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

//go:embed sarif-schema-2.1.0.json
var schemaJSON []byte

var (
	once      sync.Once
	schema    *jsonschema.Schema
	schemaErr error
)

// noNetwork refuses every URL the compiler could not resolve from the
// embedded schema, so validation stays offline.
type noNetwork struct{}

func (noNetwork) Load(url string) (any, error) {
	return nil, fmt.Errorf("sarifcheck: refusing to load %s: only the embedded SARIF schema is available", url)
}

func compile() (*jsonschema.Schema, error) {
	once.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
		if err != nil {
			schemaErr = fmt.Errorf("sarifcheck: parse embedded schema: %w", err)
			return
		}
		c := jsonschema.NewCompiler()
		c.UseLoader(noNetwork{})
		c.AssertFormat()
		if err := c.AddResource(SchemaID, doc); err != nil {
			schemaErr = fmt.Errorf("sarifcheck: add schema: %w", err)
			return
		}
		schema, schemaErr = c.Compile(SchemaID)
		if schemaErr != nil {
			schemaErr = fmt.Errorf("sarifcheck: compile schema: %w", schemaErr)
		}
	})
	return schema, schemaErr
}

// ValidateSARIF checks that data is a SARIF 2.1.0 log valid against the
// official JSON schema. The error lists every violation with its JSON
// pointer.
func ValidateSARIF(data []byte) error {
	sch, err := compile()
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("sarifcheck: not JSON: %w", err)
	}
	if err := sch.Validate(inst); err != nil {
		var ve *jsonschema.ValidationError
		if errors.As(err, &ve) {
			return fmt.Errorf("sarifcheck: invalid SARIF: %#v", ve)
		}
		return fmt.Errorf("sarifcheck: invalid SARIF: %w", err)
	}
	return nil
}
