// Package myapp holds the test shown in the README's "Testing your
// server's CSP" section, so that the README's code is compiled and run.
package myapp
