module github.com/cspkit/cspkit/examples

go 1.24.0

require (
	github.com/cspkit/cspkit v0.0.0
	github.com/stretchr/testify v1.12.1
)

require (
	github.com/unrolled/secure v1.17.0
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/net v0.50.0 // indirect
	golang.org/x/text v0.34.0 // indirect
)

replace github.com/cspkit/cspkit => ../
