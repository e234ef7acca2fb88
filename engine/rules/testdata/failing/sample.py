# ruleid: sample.eval
eval(a)
# ok: sample.eval
eval(b)
# ruleid: sample.eval
exec(c)
eval(d)
