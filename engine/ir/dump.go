package ir

import (
	"fmt"
	"strings"
)

// String renders an expression compactly, for tests and debugging.
func (e *Expr) String() string {
	if e == nil {
		return "nil"
	}
	switch e.Kind {
	case Const:
		return "const"
	case Var:
		return e.Name
	case Attr:
		return e.Recv.String() + "." + e.Name
	case Index:
		if e.Name != "" {
			return e.Recv.String() + "[" + e.Name + "]"
		}
		return e.Recv.String() + "[]"
	case Call:
		var args []string
		for i, a := range e.Args {
			s := a.String()
			if i < len(e.Kw) && e.Kw[i] != "" {
				s = e.Kw[i] + "=" + s
			}
			args = append(args, s)
		}
		callee := e.Callee
		if callee == "" {
			callee = "?" + e.Name
		}
		if e.Recv != nil {
			return fmt.Sprintf("call %s<%s>(%s)", callee, e.Recv, strings.Join(args, ", "))
		}
		return fmt.Sprintf("call %s(%s)", callee, strings.Join(args, ", "))
	case Op:
		var args []string
		for _, a := range e.Args {
			args = append(args, a.String())
		}
		if e.Recv != nil {
			return "op(" + e.Recv.String() + " ? " + strings.Join(args, " : ") + ")"
		}
		return "op(" + strings.Join(args, ", ") + ")"
	}
	return "?"
}

// Dump renders a module's functions, one statement a line.
func (m *Module) Dump() string {
	var b strings.Builder
	for _, f := range m.Funcs {
		fmt.Fprintf(&b, "func %s(%s)", f.Name, strings.Join(f.Params, ", "))
		if f.Handler {
			fmt.Fprintf(&b, " handler(event=%d)", f.EventParam)
		}
		b.WriteString("\n")
		for _, s := range f.Body {
			c := ""
			if s.Cond {
				c = "? "
			}
			switch s.Kind {
			case Assign:
				var ts []string
				for _, t := range s.Targets {
					ts = append(ts, t.String())
				}
				fmt.Fprintf(&b, "  %s%s = %s\n", c, strings.Join(ts, ", "), s.Value)
			case Eval:
				fmt.Fprintf(&b, "  %s%s\n", c, s.Value)
			case Return:
				fmt.Fprintf(&b, "  %sreturn %s\n", c, s.Value)
			case Sanitize:
				fmt.Fprintf(&b, "  %ssanitize %s\n", c, s.Targets[0])
			case Guard:
				fmt.Fprintf(&b, "  %sguard %s\n", c, s.Targets[0])
			case Unguard:
				x := ""
				if s.Exits {
					x = " (other branch exits)"
				}
				fmt.Fprintf(&b, "  %sunguard %s%s\n", c, s.Targets[0], x)
			}
		}
	}
	return b.String()
}
