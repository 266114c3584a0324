# docs/: the API reference of headers/xdpkit, generated from the headers'
# kernel-doc comments by scripts/kdoc.py: man pages (section 3) and one
# HTML page in build/docs, and docs/API.md (committed, so the README can
# link to it; test-docs-api fails when it is stale). `make install` puts
# the man pages under $(PREFIX)/share/man/man3.
XK_DOC_HDRS := $(sort $(wildcard headers/xdpkit/*.h))
XK_DOC_OUT := $(BUILD)/docs

.PHONY: docs test-docs-api install-docs
docs: scripts/kdoc.py $(XK_DOC_HDRS)
	@$(PYTHON) scripts/kdoc.py --check $(XK_DOC_HDRS)
	@rm -rf $(XK_DOC_OUT)/man3
	@$(PYTHON) scripts/kdoc.py --man $(XK_DOC_OUT)/man3 \
		--html $(XK_DOC_OUT)/html/index.html --md docs/API.md $(XK_DOC_HDRS)
	@echo "docs: $(XK_DOC_OUT)/man3 ($$(ls $(XK_DOC_OUT)/man3 | wc -l) pages), $(XK_DOC_OUT)/html/index.html, docs/API.md"

# Every public name documented, with a return value for every call; the
# committed docs/API.md what the headers say now.
test-docs-api: scripts/kdoc.py $(XK_DOC_HDRS)
	@$(PYTHON) scripts/kdoc.py --check $(XK_DOC_HDRS)
	@mkdir -p $(XK_DOC_OUT)
	@$(PYTHON) scripts/kdoc.py --md $(XK_DOC_OUT)/API.md $(XK_DOC_HDRS)
	@if cmp -s $(XK_DOC_OUT)/API.md docs/API.md; then \
		echo "docs-api: docs/API.md is current: PASS"; \
	else echo "docs-api: docs/API.md is stale: run 'make docs' and commit it"; \
		diff -u docs/API.md $(XK_DOC_OUT)/API.md | head -20; exit 1; fi
	@$(PYTHON) -c 'import re,sys; \
		api = set(re.findall(r"<a id=\"([^\"]+)\">", open("docs/API.md").read())); \
		links = re.findall(r"docs/API\.md#([A-Za-z0-9_]+)", open("README.md").read()); \
		bad = [l for l in links if l not in api]; \
		print("docs-api: %d README links into docs/API.md, %s" % (len(links), \
			"all resolve: PASS" if not bad else "broken: %s" % bad)); \
		sys.exit(1 if bad or not links else 0)'
	@$(PYTHON) scripts/kdoc.py --man $(XK_DOC_OUT)/man3.test $(XK_DOC_HDRS)
	@n=0; for f in $(XK_DOC_OUT)/man3.test/*.3; do \
		grep -q '^\.so ' $$f && continue; \
		out=$$(MANWIDTH=80 man -l $$f 2>&1 >/dev/null); \
		[ -z "$$out" ] || { echo "docs-api: $$f: $$out"; n=$$((n+1)); }; \
	done; rm -rf $(XK_DOC_OUT)/man3.test; \
	[ $$n = 0 ] && echo "docs-api: every man page renders without a warning: PASS" || exit 1
TEST_TARGETS += test-docs-api

install-docs: docs
	install -d $(DESTDIR)$(PREFIX)/share/man/man3
	install -m 644 $(XK_DOC_OUT)/man3/*.3 $(DESTDIR)$(PREFIX)/share/man/man3/
INSTALL_TARGETS += install-docs
