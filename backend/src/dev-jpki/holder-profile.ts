// The card holder profile: the contract between the development PKI (which writes `holders/<id>.json`)
// and the virtual My Number Card in stb-bridge (which reads it and answers APDUs with it).

/** The four basic items (基本4情報) exactly as they go into the signature certificate's SAN. */
export interface BasicInfo {
  /** 氏名: family name, U+3000, given name. */
  name: string;
  /** `EYYYYMMDD`: era digit (1 明治 2 大正 3 昭和 4 平成 5 令和) then the Gregorian date. */
  dateOfBirth: string;
  /** '1' male, '2' female, '3' unknown. */
  gender: '1' | '2' | '3';
  /** 住所 from the prefecture on, no postal code. */
  address: string;
  /** One '0'/'1' per character of `name`; '1' marks a substitute character. Defaults to all '0'. */
  nameSubstitute?: string;
  /** Same for `address`. */
  addressSubstitute?: string;
}

/** Romaji place names used in the signature certificate subject (`L=`) and the CRL partition DirName. */
export interface Locality {
  /** e.g. `Tokushima-ken` */
  prefecture: string;
  /** e.g. `Minami-cho` */
  city: string;
}

export interface HolderProfile {
  /** kebab-case file name stem, e.g. `tanaka-hanako`. */
  id: string;
  /** Human label for pickers in dev tools, never sent to a verifier. */
  label: string;
  /** 利用者証明用暗証番号 (4 digits). Demo fixture of the emulated card only. */
  pin: string;
  /** 署名用パスワード (6–16 `[A-Z0-9]`). Demo fixture of the emulated card only. */
  password: string;
  locality: Locality;
  basicInfo: BasicInfo;
  /** PKCS#8 PEM private keys (EF 0017 / 001A). */
  authKeyPem: string;
  signKeyPem: string;
  /** Certificates (EF 000A / 0001) and their CAs (EF 000B / 0002), PEM. */
  authCertPem: string;
  signCertPem: string;
  authCaPem: string;
  signCaPem: string;
}
