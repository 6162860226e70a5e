// Static word vectors (scripts/gen_word_vectors.py writes word_vectors.c; docs/Matching.md
// "Meaning" says where they come from and under which licence).
#ifndef CWORDVECTORS_H
#define CWORDVECTORS_H

/// Words in the table, and dimensions of each vector.
extern const unsigned int picnic_word_vector_count;
extern const unsigned int picnic_word_vector_dims;
/// Size of the slot table (a power of two).
extern const unsigned int picnic_word_vector_slot_count;
/// Every word's bytes, one after another (lowercase a-z); word i is [offsets[i], offsets[i+1]).
extern const char picnic_word_vector_names[];
extern const unsigned int picnic_word_vector_offsets[];
/// Open addressing by the word's 64-bit FNV-1a hash (slot = hash & (slot_count - 1), then the
/// next slots): the word's index, or 0xFFFF for an empty slot.
extern const unsigned short picnic_word_vector_slots[];
/// count x dims signed bytes: each word's unit vector x 127, row after row.
extern const signed char picnic_word_vector_values[];

/// The tables as pointers (Swift does not import arrays of unknown size).
static inline const char *picnic_word_vector_name_bytes(void) { return picnic_word_vector_names; }
static inline const unsigned int *picnic_word_vector_offset_table(void) { return picnic_word_vector_offsets; }
static inline const unsigned short *picnic_word_vector_slot_table(void) { return picnic_word_vector_slots; }
static inline const signed char *picnic_word_vector_value_table(void) { return picnic_word_vector_values; }

#endif
