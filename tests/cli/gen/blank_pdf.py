#!/usr/bin/env python3
import sys
# A PDF of N blank pages without a text layer (each page draws one line).
n=int(sys.argv[2]); out=sys.argv[1]
objs=[]
objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
kids=" ".join("%d 0 R"%(3+2*i) for i in range(n))
objs.append(("<< /Type /Pages /Kids [%s] /Count %d >>"%(kids,n)).encode())
for i in range(n):
    objs.append(("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R /Resources << >> >>"%(4+2*i)).encode())
    st=b"0.9 g 72 72 2 2 re f"
    objs.append(b"<< /Length %d >>\nstream\n"%len(st)+st+b"\nendstream")
data=b"%PDF-1.4\n"; offs=[]
for k,o in enumerate(objs):
    offs.append(len(data)); data+=b"%d 0 obj\n"%(k+1)+o+b"\nendobj\n"
x=len(data)
data+=b"xref\n0 %d\n0000000000 65535 f \n"%(len(objs)+1)
for o in offs: data+=b"%010d 00000 n \n"%o
data+=b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"%(len(objs)+1,x)
open(out,"wb").write(data)
