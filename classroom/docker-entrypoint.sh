#!/bin/sh
# Container entry point (classroom/Dockerfile): accounts from /kelas/peserta.txt, cards to /kelas,
# then the hub on port 8000 of the container (published by `docker run -p 8000:8000`).
set -eu
PESERTA="${PESERTA:-/kelas/peserta.txt}"
if [ ! -f "$PESERTA" ]; then
    echo "KESALAHAN: $PESERTA tidak ada. Tulis kode peserta (satu per baris) di kelas/peserta.txt." >&2
    exit 1
fi
python /opt/tangguh-hub/src/classroom/kelas.py setup --peserta "$PESERTA" --ip 0.0.0.0 --port 8000
cp /var/lib/tangguh-kelas/kartu_peserta.html /kelas/ 2>/dev/null || true
exec python /opt/tangguh-hub/src/classroom/kelas.py start
