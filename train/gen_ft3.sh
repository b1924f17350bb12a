#!/bin/sh
# New unique lines for the session-3 CPU fine-tune (train/finetune_cpu.sh), TRAIN
# faces only, written to train/data/ft3: weak fields + a balanced share. Run from
# the repository root after building build-text/bpkb-ocr-synth.
B=build-text/bpkb-ocr-synth
g() { [ -f "$1/lines.tsv" ] || nice -n 10 $B --lines --out "$1" --seed "$2" --count "$3" --faces train --threads 1 $4; }
D=train/data/ft3
g $D/no_rangka 5201 3000 "--field no_rangka"
g $D/all0 5100 3000 ""
g $D/no_mesin 5202 2000 "--field no_mesin"
g $D/nama 5203 2000 "--field nama_pemilik"
g $D/alamat 5204 2000 "--field alamat"
g $D/polisi 5205 2000 "--field nomor_polisi"
g $D/lokasi 5206 1500 "--field lokasi_dikeluarkan"
g $D/tipe 5207 1500 "--field tipe"
g $D/all1 5101 3000 ""
echo gen-done
