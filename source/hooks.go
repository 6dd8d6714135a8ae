package source

import "github.com/cspkit/cspkit/internal/hooks"

func init() { hooks.ParseExpression = parse }
