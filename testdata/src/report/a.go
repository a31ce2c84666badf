package report

func f() {}

func calls() {
	f() // want "call"
	f() //txvet:ignore checked by hand
	//txvet:ignore the line above counts too
	f()
	//txvet:ignored is not the directive
	f() // want "call"
}
