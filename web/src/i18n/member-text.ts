/**
 * The language of text a member wrote (a name, a description), guessed from its script and the
 * letters only one of our languages uses, so `lang` lets screen readers and fonts treat it right.
 * Written by hand: a statistical detector (franc and the like) weighs ~100 KB and still cannot tell
 * a short Latin-script place name's language; when nothing tells, the answer is "und"
 * (BCP 47: undetermined) rather than a wrong guess.
 */
export function guessTextLanguage(text: string): string {
  if (/[\u10A0-\u10FF\u1C90-\u1CBF]/u.test(text)) return 'ka';
  if (/[\u0530-\u058F]/u.test(text)) return 'hy';
  if (/[\u0400-\u04FF]/u.test(text)) {
    if (/[әғқңөұүһі]/iu.test(text) && /[әғқңөұү]/iu.test(text)) return 'kk';
    if (/[іїєґ]/iu.test(text)) return 'uk';
    return 'ru';
  }
  if (/[əƏ]/u.test(text)) return 'az';
  if (/[ășțâĂȘȚÂ]/u.test(text)) return 'ro';
  if (/[oOgG][ʻ‘']/u.test(text)) return 'uz';
  return 'und';
}
