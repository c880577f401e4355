#!/usr/bin/env bash
# The steps of the action in ../action.yml, which installs dossier on a GitHub Actions runner:
#   release  installs the binary of the GitHub release matching $DOSSIER_VERSION (`latest`:
#            the newest) built for this runner; if there is none, says which commit to
#            build instead (output `commit`)
#   source   builds that commit with `cargo install --locked --git` (a no-op when the
#            cache restored it)
#   path     puts $DOSSIER_ROOT/bin on the PATH of the job's next steps
# Release archives are named dossier-vX.Y.Z-TARGET.tar.gz (.zip on Windows), each with a
# .sha256 beside it: .github/workflows/release.yml makes them.
set -euo pipefail

root="${DOSSIER_ROOT:?DOSSIER_ROOT: where to install}"

# The repository and ref the action was used from. `github.action_repository` and
# `github.action_ref` are empty inside composite actions (actions/runner#2525), but a
# remote action is checked out at .../_actions/OWNER/REPO/REF; a local one (`uses: ./`)
# is the repository of the workflow itself.
action_path="${GITHUB_ACTION_PATH//\\//}"
if [[ $action_path =~ /_actions/([^/]+)/([^/]+)/([^/]+)/*$ ]]; then
  repository="${BASH_REMATCH[1]}/${BASH_REMATCH[2]}"
  action_ref="${BASH_REMATCH[3]}"
else
  repository="${GITHUB_REPOSITORY:?}"
  action_ref="${GITHUB_SHA:?}"
fi
url="${GITHUB_SERVER_URL:-https://github.com}/${repository}"

output() {
  echo "$1=$2" >>"$GITHUB_OUTPUT"
}

# The Rust target the release workflow builds for this runner, if it builds one.
target() {
  case "${RUNNER_OS}-${RUNNER_ARCH}" in
    Linux-X64) echo x86_64-unknown-linux-gnu ;;
    Linux-ARM64) echo aarch64-unknown-linux-gnu ;;
    macOS-X64) echo x86_64-apple-darwin ;;
    macOS-ARM64) echo aarch64-apple-darwin ;;
    Windows-X64) echo x86_64-pc-windows-msvc ;;
    *) echo "" ;;
  esac
}

# The release tag wanted: the one of $DOSSIER_VERSION, or the newest release's.
wanted_tag() {
  local version="${DOSSIER_VERSION:-latest}"
  if [[ $version == latest ]]; then
    gh release view --repo "$repository" --json tagName --jq .tagName 2>/dev/null || true
  else
    echo "v${version#v}"
  fi
}

sha256_check() {
  if command -v sha256sum >/dev/null; then
    sha256sum --check --status "$1"
  else
    shasum --algorithm 256 --check --status "$1"
  fi
}

# Downloads, checks and unpacks the release archive of `tag` for this runner.
install_release() {
  local tag="$1" target archive file dir
  target="$(target)"
  [[ -n $tag && -n $target ]] || return 1
  archive="dossier-${tag}-${target}"
  file="${archive}.tar.gz"
  [[ $RUNNER_OS == Windows ]] && file="${archive}.zip"
  dir="$(mktemp -d)"
  gh release download "$tag" --repo "$repository" --dir "$dir" \
    --pattern "$file" --pattern "${file}.sha256" || return 1
  (cd "$dir" && sha256_check "${file}.sha256") || {
    echo "::error::${file} does not match its checksum"
    exit 1
  }
  if [[ $file == *.zip ]]; then
    if command -v unzip >/dev/null; then
      unzip -q "$dir/$file" -d "$dir"
    else
      7z x -y -o"$dir" "$dir/$file" >/dev/null
    fi
  else
    tar -xzf "$dir/$file" -C "$dir"
  fi
  mkdir -p "$root/bin"
  cp "$dir/$archive"/dossier* "$root/bin/"
}

# The commit to build when no release fits: the version's tag if it has one, else the
# ref the action was used at (`@v1`), else the default branch.
commit_to_build() {
  local version="${DOSSIER_VERSION:-latest}" ref refs
  if [[ $action_ref =~ ^[0-9a-f]{40}$ ]]; then
    ref="$action_ref"
  fi
  for wanted in "refs/tags/v${version#v}" "refs/tags/${action_ref}" "refs/heads/${action_ref}" HEAD; do
    [[ -z ${ref:-} ]] || break
    [[ $wanted == refs/tags/vlatest ]] && continue
    # an annotated tag is listed twice: its own object, then (with ^{}) its commit
    refs="$(git ls-remote "$url" "$wanted" "${wanted}^{}")"
    ref="$(grep -F '^{}' <<<"$refs" | cut -f1 || true)"
    [[ -n $ref ]] || ref="$(head -n 1 <<<"$refs" | cut -f1)"
  done
  echo "$ref"
}

case "${1:-}" in
  release)
    tag="$(wanted_tag)"
    if install_release "$tag"; then
      echo "installed dossier ${tag} from the releases of ${repository}"
      output installed true
    else
      commit="$(commit_to_build)"
      if [[ -z $commit ]]; then
        echo "::error::no release of dossier ${DOSSIER_VERSION:-latest} fits this runner, and ${url} cannot be read to build it"
        exit 1
      fi
      echo "::warning::no release of dossier ${DOSSIER_VERSION:-latest} for $(target || true) ${RUNNER_OS}/${RUNNER_ARCH} in ${repository}: building ${commit} from source (cached for the next runs)"
      output installed false
      output commit "$commit"
    fi
    ;;
  source)
    cargo install --locked --root "$root" --git "$url" --rev "${DOSSIER_COMMIT:?}" dossier
    ;;
  path)
    echo "$root/bin" >>"$GITHUB_PATH"
    output version "$("$root/bin/dossier" --version)"
    ;;
  *)
    echo "usage: install.sh release|source|path" >&2
    exit 2
    ;;
esac
