// Turns USE lite's SentencePiece vocabulary (vocab.json: [piece, score][]) into a tokenizer.json
// whose Unigram model tokenizes as the TF.js original does: NFKC, spaces to "▁", a leading "▁",
// Viterbi over piece scores, runs of unknown characters fused into one unknown token (id 0).
const META = '\u2581';
// The first six ids are reserved and never matched in text; their names hold a plain space, which
// the normaliser has always replaced by the time the model looks, so no input can produce them.
const RESERVED = [' <unk>', ' <s>', ' </s>', ' <pad>', ' <reserved-4>', ' <reserved-5>'];
export const PAD_TOKEN = RESERVED[3]!;
export const MAX_TOKENS = 128;

export function buildTokenizerJson(vocab: [string, number][]): object {
  const pieces = vocab.map(([piece, score], id) => [id < RESERVED.length ? RESERVED[id]! : piece, score] as const);
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [],
    normalizer: {
      type: 'Sequence',
      normalizers: [{ type: 'NFKC' }, { type: 'Replace', pattern: { String: ' ' }, content: META }, { type: 'Prepend', prepend: META }],
    },
    pre_tokenizer: null,
    post_processor: null,
    decoder: { type: 'Metaspace', replacement: META, prepend_scheme: 'always', split: false },
    model: { type: 'Unigram', unk_id: 0, vocab: pieces, byte_fallback: false },
  };
}

export function buildTokenizerConfig(): object {
  return {
    tokenizer_class: 'PreTrainedTokenizer',
    model_max_length: MAX_TOKENS,
    unk_token: RESERVED[0],
    pad_token: PAD_TOKEN,
    padding_side: 'right',
    clean_up_tokenization_spaces: false,
  };
}
