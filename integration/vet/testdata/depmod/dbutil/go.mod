module example.com/dbutil

go 1.26
