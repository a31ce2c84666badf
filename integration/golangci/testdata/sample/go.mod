module txvet.test/sample

go 1.26.0
