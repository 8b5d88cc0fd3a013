//! Near-duplicate articles across documents: MinHash signatures, LSH banding, stable clusters.
//!
//! Wire stories (a Saudi Press Agency dispatch, say) are republished by many outlets with a
//! different header line, a trimmed last paragraph or a changed headline. Each document's text
//! is normalised for matching ([`normalize_key`]: hamza, ya, ta marbuta, diacritics, digits),
//! split into words, and cut into overlapping word shingles. A MinHash signature of
//! [`NearDuplicateOptions::permutations`] values estimates the Jaccard similarity of two
//! shingle sets; LSH banding finds the candidate pairs without comparing every pair, and a
//! candidate pair whose estimated similarity reaches [`NearDuplicateOptions::threshold`]
//! (0.6 by default, measured: see the field) is linked.
//!
//! Clusters are the connected components of that "similar" graph, and a cluster is named by the
//! smallest document key in it. Both are functions of the *set* of documents, not of the order
//! they were inserted in: every pair that shares an LSH bucket is checked when its second member
//! arrives, whichever that is. So a parallel or resumed ingest ends with the same clusters as a
//! sequential one. Every hash here is written out (FNV-1a, a fixed multiply-shift family with
//! seeds from a fixed SplitMix64 stream) rather than `std`'s `DefaultHasher`, whose output may
//! change between Rust releases; signatures stored today stay comparable tomorrow.
//!
//! Connected components chain (A≈B and B≈C put A and C together even when A and C differ
//! more); for republished wire copy that is what is wanted, and the threshold keeps chains
//! between distinct stories rare.

use hadath_language::normalize::normalize_key;
use std::collections::HashMap;

/// Parameters of the signature and of the banding. Changing any of them changes signatures:
/// a store records [`NearDuplicateOptions::fingerprint`] to notice that.
#[derive(Debug, Clone, PartialEq)]
pub struct NearDuplicateOptions {
    /// Words per shingle. 3 keeps one changed word from touching more than three shingles
    /// while making chance overlap between unrelated articles negligible.
    pub shingle: usize,
    /// MinHash values per signature; must equal `bands * rows`.
    pub permutations: usize,
    /// LSH bands. With 32 bands of 4 rows a pair at Jaccard 0.6 becomes a candidate with
    /// probability 1 − (1 − 0.6⁴)³² ≈ 0.988, at 0.7 ≈ 0.9998, so recall at the threshold is
    /// limited by the estimate, not by banding; pairs near 0.3 are checked about a quarter of
    /// the time, which costs one 128-value comparison each.
    pub bands: usize,
    pub rows: usize,
    /// Estimated Jaccard similarity of shingle sets at or above which two documents are near
    /// duplicates: 0.6, measured on SaudiNewsNet (see hadath-store's README). Outlets edit wire
    /// copy (a changed word breaks three shingles, a trimmed paragraph removes dozens), so at
    /// 0.8 only 52% of cross-outlet article pairs with the same headline were linked, at 0.6
    /// 70%; among 20,000 same-day pairs with unrelated headlines no pair but one (a true copy
    /// under another headline) exceeded 0.35, and a hand check of pairs between 0.6 and 0.8
    /// found 9 of 10 to be the same story. The estimate's standard error with 128 values is
    /// about 0.04 near 0.6.
    pub threshold: f32,
    /// Texts with fewer shingles than this get no signature (and join no cluster): a headline
    /// or a "الرياض - واس" stub says too little to call two articles the same.
    pub min_shingles: usize,
}

impl Default for NearDuplicateOptions {
    fn default() -> Self {
        NearDuplicateOptions {
            shingle: 3,
            permutations: 128,
            bands: 32,
            rows: 4,
            threshold: 0.6,
            min_shingles: 8,
        }
    }
}

impl NearDuplicateOptions {
    /// A short string naming everything that affects signatures, e.g. `minhash-v1/s3/p128`.
    pub fn fingerprint(&self) -> String {
        format!("minhash-v1/s{}/p{}", self.shingle, self.permutations)
    }
}

/// A MinHash signature: for each hash function of the family, the smallest hash of any shingle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub Vec<u32>);

impl Signature {
    /// Estimated Jaccard similarity: the share of positions where the two signatures agree.
    pub fn similarity(&self, other: &Signature) -> f32 {
        if self.0.is_empty() || self.0.len() != other.0.len() {
            return 0.0;
        }
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f32 / self.0.len() as f32
    }

    /// Little-endian bytes, for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// The inverse of [`Signature::to_bytes`]; `None` when the length is not a multiple of 4.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        let chunks = bytes.chunks_exact(4);
        if !chunks.remainder().is_empty() {
            return None;
        }
        Some(Signature(
            chunks
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        ))
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv1a(bytes: &[u8], mut hash: u64) -> u64 {
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(FNV_PRIME);
    }
    hash
}

/// SplitMix64's finaliser: spreads FNV's weak low bits over the whole word.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The fixed hash family: `(a·x + b) >> 32` with odd `a`, coefficients drawn from SplitMix64
/// started at a constant seed, so every run and every machine uses the same functions.
fn family(n: usize) -> Vec<(u64, u64)> {
    let mut state: u64 = 0x6861_6461_7468_0001; // "hadath" + 1
    let mut next = || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(state)
    };
    (0..n).map(|_| (next() | 1, next())).collect()
}

/// Hashes of the word shingles of a text, after matching normalisation; sorted and deduplicated.
pub fn shingle_hashes(text: &str, shingle: usize) -> Vec<u64> {
    let normalized = normalize_key(text);
    shingle_hashes_of_words(&words(&normalized), shingle)
}

/// The words of an already normalised text, as shingles see them: runs of letters and digits.
pub fn words(normalized: &str) -> Vec<&str> {
    normalized
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Exactly `char::is_alphanumeric`, with the common cases answered first: the standard
/// library's lookup for non-ASCII characters is slow, and Arabic letters are most of the text.
#[inline]
pub fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        // ء…ي, tatweel included: all letters (Lo, Lm).
        '\u{0621}'..='\u{064A}' => true,
        c if c.is_ascii() => false,
        c => c.is_alphanumeric(),
    }
}

/// [`shingle_hashes`] for words already normalised and split (see [`words`]), so a caller that
/// needs the words for something else normalises once.
pub fn shingle_hashes_of_words(words: &[&str], shingle: usize) -> Vec<u64> {
    let size = shingle.max(1);
    let mut hashes: Vec<u64> = words
        .windows(size)
        .map(|window| {
            let mut h = FNV_OFFSET;
            for w in window {
                h = fnv1a(w.as_bytes(), h);
                // A separator so that ("ab", "c") and ("a", "bc") differ.
                h = fnv1a(&[0x1f], h);
            }
            mix(h)
        })
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// Computes MinHash signatures with one fixed set of options.
#[derive(Debug, Clone)]
pub struct Signer {
    options: NearDuplicateOptions,
    family: Vec<(u64, u64)>,
}

impl Signer {
    pub fn new(options: NearDuplicateOptions) -> Signer {
        assert_eq!(
            options.bands * options.rows,
            options.permutations,
            "near-duplicate options: bands × rows must equal permutations"
        );
        let family = family(options.permutations);
        Signer { options, family }
    }

    pub fn options(&self) -> &NearDuplicateOptions {
        &self.options
    }

    /// The signature of a text, or `None` when it has fewer than `min_shingles` shingles.
    pub fn sign(&self, text: &str) -> Option<Signature> {
        let normalized = normalize_key(text);
        self.sign_words(&words(&normalized))
    }

    /// The signature of a text given as its normalised words (see [`words`]).
    pub fn sign_words(&self, words: &[&str]) -> Option<Signature> {
        let hashes = shingle_hashes_of_words(words, self.options.shingle);
        if hashes.len() < self.options.min_shingles.max(1) {
            return None;
        }
        let values = self
            .family
            .iter()
            .map(|&(a, b)| {
                hashes
                    .iter()
                    .map(|&x| (a.wrapping_mul(x).wrapping_add(b) >> 32) as u32)
                    .min()
                    .unwrap_or(u32::MAX)
            })
            .collect();
        Some(Signature(values))
    }
}

impl Default for Signer {
    fn default() -> Self {
        Signer::new(NearDuplicateOptions::default())
    }
}

/// An identifier of a cluster: the smallest key of a document in it.
pub type ClusterId = String;

/// A group of near-duplicate documents (keys sorted); `id` is the first of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    pub id: ClusterId,
    pub members: Vec<String>,
}

/// An in-memory index of signatures that groups near-duplicate documents as they arrive.
///
/// ```
/// use hadath_cleaning::near_duplicates::NearDuplicateIndex;
/// let mut index = NearDuplicateIndex::default();
/// let story = "أكد خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود خلال استقباله في قصر \
///              اليمامة اليوم وزير الخارجية الأمريكي عمق العلاقات التاريخية بين البلدين الصديقين";
/// let a = index.insert("a", &format!("الرياض - واس\n{story}"));
/// let b = index.insert("b", &format!("جدة (واس)\n{story}"));
/// assert_eq!(a.as_deref(), Some("a"));
/// assert_eq!(b.as_deref(), Some("a"));
/// ```
#[derive(Debug, Clone)]
pub struct NearDuplicateIndex {
    signer: Signer,
    keys: Vec<String>,
    signatures: Vec<Signature>,
    by_key: HashMap<String, usize>,
    /// (band, hash of the band's values) → documents in that bucket.
    buckets: HashMap<u64, Vec<u32>>,
    /// Union-find over document indexes.
    parent: Vec<u32>,
    /// For each root: the index of the smallest key in its component.
    smallest: Vec<u32>,
}

impl Default for NearDuplicateIndex {
    fn default() -> Self {
        NearDuplicateIndex::new(NearDuplicateOptions::default())
    }
}

impl NearDuplicateIndex {
    pub fn new(options: NearDuplicateOptions) -> NearDuplicateIndex {
        NearDuplicateIndex {
            signer: Signer::new(options),
            keys: Vec::new(),
            signatures: Vec::new(),
            by_key: HashMap::new(),
            buckets: HashMap::new(),
            parent: Vec::new(),
            smallest: Vec::new(),
        }
    }

    pub fn signer(&self) -> &Signer {
        &self.signer
    }

    /// Number of documents with a signature in the index.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Signs `text` and adds it under `doc_key`; returns the cluster the document is in now
    /// (its own key when it matches nothing), or `None` when the text is too short to sign.
    ///
    /// The id can change later, but only to a smaller key, when a document with a smaller key
    /// joins or links two clusters; [`NearDuplicateIndex::cluster_of`] and
    /// [`NearDuplicateIndex::clusters`] give the final answer once every document is in.
    /// Inserting a key again changes nothing and returns its cluster.
    pub fn insert(&mut self, doc_key: &str, text: &str) -> Option<ClusterId> {
        if self.by_key.contains_key(doc_key) {
            return self.cluster_of(doc_key);
        }
        let signature = self.signer.sign(text)?;
        Some(self.insert_signature(doc_key, signature))
    }

    /// Adds a signature computed elsewhere (in a worker thread, or read back from a store).
    /// Signatures must come from a [`Signer`] with the same options as this index.
    pub fn insert_signature(&mut self, doc_key: &str, signature: Signature) -> ClusterId {
        if let Some(&i) = self.by_key.get(doc_key) {
            let root = self.find(i);
            return self.keys[self.smallest[root] as usize].clone();
        }
        let options = self.signer.options();
        let (rows, bands, threshold) = (options.rows, options.bands, options.threshold);
        let me = self.keys.len() as u32;
        self.keys.push(doc_key.to_string());
        self.by_key.insert(doc_key.to_string(), me as usize);
        self.parent.push(me);
        self.smallest.push(me);
        // Candidates: every earlier document sharing at least one band bucket.
        let mut candidates: Vec<u32> = Vec::new();
        for band in 0..bands {
            let values = signature
                .0
                .get(band * rows..(band + 1) * rows)
                .unwrap_or(&[]);
            let mut h = fnv1a(&(band as u32).to_le_bytes(), FNV_OFFSET);
            for v in values {
                h = fnv1a(&v.to_le_bytes(), h);
            }
            let bucket = self.buckets.entry(h).or_default();
            candidates.extend_from_slice(bucket);
            bucket.push(me);
        }
        candidates.sort_unstable();
        candidates.dedup();
        for other in candidates {
            // Already connected: checking again cannot change the components.
            if self.find(other as usize) == self.find(me as usize) {
                continue;
            }
            if signature.similarity(&self.signatures[other as usize]) >= threshold {
                self.union(other as usize, me as usize);
            }
        }
        self.signatures.push(signature);
        let root = self.find(me as usize);
        self.keys[self.smallest[root] as usize].clone()
    }

    /// The cluster a document is in, or `None` when it was never inserted with a signature.
    pub fn cluster_of(&mut self, doc_key: &str) -> Option<ClusterId> {
        let i = *self.by_key.get(doc_key)?;
        let root = self.find(i);
        Some(self.keys[self.smallest[root] as usize].clone())
    }

    /// Every cluster of two or more documents, members sorted, clusters sorted by id.
    pub fn clusters(&mut self) -> Vec<Cluster> {
        let mut groups: HashMap<usize, Vec<String>> = HashMap::new();
        for i in 0..self.keys.len() {
            let root = self.find(i);
            groups.entry(root).or_default().push(self.keys[i].clone());
        }
        let mut clusters: Vec<Cluster> = groups
            .into_values()
            .filter(|members| members.len() > 1)
            .map(|mut members| {
                members.sort();
                Cluster {
                    id: members[0].clone(),
                    members,
                }
            })
            .collect();
        clusters.sort_by(|a, b| a.id.cmp(&b.id));
        clusters
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] as usize != i {
            let grandparent = self.parent[self.parent[i] as usize];
            self.parent[i] = grandparent;
            i = grandparent as usize;
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let (sa, sb) = (self.smallest[ra], self.smallest[rb]);
        let smallest = if self.keys[sa as usize] <= self.keys[sb as usize] {
            sa
        } else {
            sb
        };
        // Attach the later root under the earlier one; which root wins does not matter for
        // the result, only `smallest` names the cluster.
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[child] = root as u32;
        self.smallest[root] = smallest;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An SPA-style story as several papers republish it: the body is the agency's, the first
    /// line (dateline, outlet) and the closing signature differ.
    const SPA_BODY: &str =
        "أكد صاحب السمو الملكي الأمير محمد بن نايف بن عبدالعزيز ولي العهد نائب رئيس \
        مجلس الوزراء وزير الداخلية أن المملكة العربية السعودية ماضية في التصدي للإرهاب بكل حزم، \
        وذلك خلال استقباله في مكتبه بالرياض اليوم سفير جمهورية فرنسا لدى المملكة. وجرى خلال \
        الاستقبال استعراض العلاقات الثنائية بين البلدين الصديقين وسبل تعزيزها في المجالات كافة، \
        إضافة إلى بحث المستجدات الإقليمية والدولية ذات الاهتمام المشترك. حضر الاستقبال صاحب \
        السمو الملكي الأمير عبدالعزيز بن سعود بن نايف المستشار الخاص لسمو ولي العهد، ومدير \
        عام مكتب سموه.";

    fn outlet_copy(header: &str, footer: &str) -> String {
        format!("{header}\n{SPA_BODY}\n{footer}")
    }

    #[test]
    fn same_wire_story_under_different_outlet_headers_is_one_cluster() {
        let mut index = NearDuplicateIndex::default();
        let okaz = outlet_copy("الرياض - واس", "");
        let riyadh = outlet_copy(
            "الرياض 12 شوال 1436 هـ الموافق 28 يوليو 2015 م واس",
            "// انتهى //",
        );
        // Another paper folds hamza and ta marbuta differently and drops a diacritic-free copy.
        let madina = outlet_copy("جدة (واس)", "المدينة")
            .replace("أكد", "اكد")
            .replace("المملكة", "المملكه");
        assert_eq!(index.insert("okaz/1", &okaz).as_deref(), Some("okaz/1"));
        assert_eq!(index.insert("riyadh/7", &riyadh).as_deref(), Some("okaz/1"));
        assert_eq!(
            index.insert("madina/3", &madina).as_deref(),
            Some("madina/3")
        );
        let clusters = index.clusters();
        assert_eq!(clusters.len(), 1);
        assert_eq!(clusters[0].id, "madina/3");
        assert_eq!(clusters[0].members, ["madina/3", "okaz/1", "riyadh/7"]);
    }

    #[test]
    fn distinct_stories_from_the_same_agency_are_not_duplicates() {
        let mut index = NearDuplicateIndex::default();
        let a = outlet_copy("الرياض - واس", "");
        let b = "الرياض - واس\nأعلنت وزارة الصحة اليوم تسجيل عشر حالات إصابة جديدة بفيروس كورونا \
                 المسبب لمتلازمة الشرق الأوسط التنفسية في مدينة الرياض، وأوضحت الوزارة في بيان \
                 لها أن المصابين يتلقون العلاج في المستشفيات وأن حالتهم مستقرة، داعية المواطنين \
                 والمقيمين إلى اتباع الإرشادات الصحية والتوجه إلى أقرب مركز صحي عند ظهور الأعراض.";
        let c = "جدة - واس\nوقع صاحب السمو الملكي الأمير محمد بن نايف بن عبدالعزيز ولي العهد \
                 اتفاقية تعاون أمني مع وزير الداخلية الفرنسي في قصر السلام بجدة مساء اليوم، \
                 تتضمن تبادل المعلومات والخبرات في مجال مكافحة الجريمة المنظمة وتهريب المخدرات.";
        assert_eq!(index.insert("a", &a).as_deref(), Some("a"));
        assert_eq!(index.insert("b", b).as_deref(), Some("b"));
        assert_eq!(index.insert("c", c).as_deref(), Some("c"));
        assert!(index.clusters().is_empty());
    }

    #[test]
    fn a_story_with_a_paragraph_cut_is_still_a_near_duplicate_but_a_lead_alone_is_not() {
        let signer = Signer::default();
        let full = signer.sign(&outlet_copy("الرياض - واس", "")).unwrap();
        let cut_text = outlet_copy("الدمام - واس", "");
        let cut_text = cut_text.split("حضر الاستقبال").next().unwrap();
        let cut = signer.sign(cut_text).unwrap();
        let lead_text = SPA_BODY.split("وجرى").next().unwrap();
        let lead = signer.sign(lead_text).unwrap();
        assert!(full.similarity(&cut) >= 0.7, "{}", full.similarity(&cut));
        assert!(full.similarity(&lead) < 0.6, "{}", full.similarity(&lead));
    }

    #[test]
    fn clusters_do_not_depend_on_insertion_order_and_signatures_are_fixed() {
        let texts = [
            ("k1", outlet_copy("الرياض - واس", "")),
            ("k2", outlet_copy("مكة المكرمة - واس", "انتهى")),
            (
                "k3",
                "خبر قصير مختلف تماما عن أي شيء آخر في هذه المجموعة من الأخبار المحلية اليوم"
                    .to_string(),
            ),
            ("k0", outlet_copy("الطائف (واس)", "")),
        ];
        let mut forward = NearDuplicateIndex::default();
        for (k, t) in &texts {
            forward.insert(k, t);
        }
        let mut backward = NearDuplicateIndex::default();
        for (k, t) in texts.iter().rev() {
            backward.insert(k, t);
        }
        assert_eq!(forward.clusters(), backward.clusters());
        assert_eq!(forward.clusters()[0].members, ["k0", "k1", "k2"]);
        // Signature values are pinned: a change of hash family would silently invalidate every
        // signature already stored.
        let signature = Signer::default().sign(&texts[0].1).unwrap();
        assert_eq!(signature.0.len(), 128);
        assert_eq!(signature.0[..4], [64412139, 4688410, 5728005, 107244573]);
        let again = Signer::default().sign(&texts[0].1).unwrap();
        assert_eq!(signature, again);
        assert_eq!(
            Signature::from_bytes(&signature.to_bytes()).unwrap(),
            signature
        );
        assert_eq!(shingle_hashes("واحد اثنان ثلاثة", 3).len(), 1);
        for c in ('\0'..='\u{2FFF}').chain('\u{FB00}'..='\u{FFFF}') {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
        assert_eq!(
            shingle_hashes("واحد اثنان ثلاثة", 3),
            shingle_hashes("واحِد إثنان ثلاثه", 3)
        );
    }

    #[test]
    fn short_texts_get_no_signature_and_reinserting_a_key_is_a_no_op() {
        let mut index = NearDuplicateIndex::default();
        assert_eq!(index.insert("x", "الرياض - واس"), None);
        assert_eq!(index.cluster_of("x"), None);
        let story = outlet_copy("الرياض - واس", "");
        assert_eq!(index.insert("y", &story).as_deref(), Some("y"));
        assert_eq!(index.insert("y", "anything").as_deref(), Some("y"));
        assert_eq!(index.len(), 1);
    }
}
