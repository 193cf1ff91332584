# The released executable alone in an empty image. It is taken from the release tarball that
# scripts/release.sh writes to dist/, not built here: the image then holds the very bytes the
# tarball's checksum and scripts/test_release.sh vouch for, its build needs no Swift image and
# no network, and the version rewrite lives in one place. Build it after a release:
#
#   scripts/release.sh                      # dist/oas2apigw-1.2.3-linux-x86_64.tar.gz
#   docker build --build-arg VERSION=1.2.3 -t oas2apigw:1.2.3 .
#   docker run --rm -v "$PWD:/work" oas2apigw:1.2.3 convert openapi.yaml --cors cors.yaml
#
# .dockerignore lets nothing but dist/'s tarballs into the build context.
ARG VERSION

# ADD unpacks a local tar archive; this stage only holds the unpacked folder.
FROM scratch AS unpacked
ARG VERSION
ADD dist/oas2apigw-${VERSION}-linux-x86_64.tar.gz /

# The binary is static, so the image needs no libraries, no shell and no users. The Swift
# runtime reads /proc at startup, which every container runtime mounts (docs/install.md).
FROM scratch
ARG VERSION
LABEL org.opencontainers.image.title="oas2apigw" \
      org.opencontainers.image.version="${VERSION}"
COPY --from=unpacked /oas2apigw-${VERSION}-linux-x86_64/bin/oas2apigw /oas2apigw
WORKDIR /work
ENTRYPOINT ["/oas2apigw"]
