#!/bin/sh
# Container entry point (classroom/Dockerfile): accounts from /kelas/peserta.txt, cards to /kelas,
# then the hub on port 8000 of the container (published by `docker run -p 8000:8000`).
# HTTPS by default with the certificate kelas.py makes inside the container (kept across
# `docker stop`/`docker start`; its fingerprint is on the cards and in `docker logs kelas`).
#   -e NAMA_KELAS="192.168.1.20 kelas.local"  names participants type (the laptop's address: the
#                                             container cannot see it), put in the certificate
#   -e HTTPS_KELAS=tidak                      plain HTTP (classroom/README.md says when)
set -eu
PESERTA="${PESERTA:-/kelas/peserta.txt}"
if [ ! -f "$PESERTA" ]; then
    echo "KESALAHAN: $PESERTA tidak ada. Tulis kode peserta (satu per baris) di kelas/peserta.txt." >&2
    exit 1
fi
set -- --peserta "$PESERTA" --ip 0.0.0.0 --port 8000
for nama in ${NAMA_KELAS:-}; do
    set -- "$@" --nama "$nama"
done
case "${HTTPS_KELAS:-ya}" in
    tidak|no|0) set -- "$@" --tanpa-https ;;
esac
python /opt/tangguh-hub/src/classroom/kelas.py setup "$@"
cp /var/lib/tangguh-kelas/kartu_peserta.html /kelas/ 2>/dev/null || true
exec python /opt/tangguh-hub/src/classroom/kelas.py start
