package lib

import "fmt"

func Wrap(err error) error { return fmt.Errorf("app: %w", err) }
