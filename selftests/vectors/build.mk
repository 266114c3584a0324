# selftests/vectors/: the shared table of crafted packets and their
# hand-written expected parse results, generated with Scapy into build/.
# Other fragments name the output by its path (include order is not fixed).
$(BUILD)/selftests/vectors/vectors.c: selftests/vectors/gen_vectors.py
	@mkdir -p $(@D)
	$(PYTHON) $< $@.tmp && mv $@.tmp $@

ALL_TARGETS += $(BUILD)/selftests/vectors/vectors.c
