#!/bin/sh
# Training lines for the session-3 GPU run (issue 4), TRAIN faces only, written to
# train/data/g3 with the line generator as fixed in session 3 (labels measured and
# printed in one font, so no label covers a value). Plus the two evaluation sets
# regenerated with the same generator: heldout (seed 202, held-out faces) and
# traineval (seed 303, train faces). Run from the repository root after building
# build-text/bpkb-ocr-synth.
B=${B:-build-text/bpkb-ocr-synth}
g() { [ -f "$1/lines.tsv" ] || nice -n 10 $B --lines --out "$1" --seed "$2" --count "$3" --faces "$4" --threads 2 $5; }
D=train/data/g3
g train/data/heldout3 202 3000 heldout ""
g train/data/traineval3 303 2000 train ""
for k in 0 1 2 3 4 5; do g $D/all$k $((6000 + k)) 3000 train ""; done
g $D/no_rangka 6201 4000 train "--field no_rangka"
g $D/alamat 6202 3000 train "--field alamat"
g $D/nama 6203 3000 train "--field nama_pemilik"
g $D/no_mesin 6204 2000 train "--field no_mesin"
g $D/polisi 6205 2000 train "--field nomor_polisi"
g $D/tipe 6206 2000 train "--field tipe"
g $D/lokasi 6207 1500 train "--field lokasi_dikeluarkan"
g $D/pekerjaan 6208 1500 train "--field pekerjaan"
g $D/warna 6209 1500 train "--field warna"
echo gen-done
