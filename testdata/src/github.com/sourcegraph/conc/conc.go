// Package conc is a test stub of github.com/sourcegraph/conc.
package conc

type WaitGroup struct{}

func NewWaitGroup() *WaitGroup                  { return &WaitGroup{} }
func (wg *WaitGroup) Go(f func())               {}
func (wg *WaitGroup) Wait()                     {}
func (wg *WaitGroup) WaitAndRecover() *struct{} { return nil }
