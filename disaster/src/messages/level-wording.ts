// The words of each 警戒レベル (内閣府 避難情報に関するガイドライン, 2021): the official name and the short
// official phrase of what to do, then a plain sentence for the viewer. Japanese is what is issued; English is
// our own rendering for households that ask for it.
import type { AlertLevel } from '../alerts/index.ts';

export interface LevelWording {
  name: string;
  /** The official phrase (e.g. 危険な場所から全員避難). */
  phrase: string;
  /** What this household does now. */
  todo: string;
  /** Level 3 only: for households with nobody needing assistance. */
  todoOthers?: string;
}

export const levelWording: Readonly<Record<'ja' | 'en', Record<AlertLevel, LevelWording>>> = {
  ja: {
    5: {
      name: '緊急安全確保',
      phrase: '命の危険 直ちに安全確保！',
      todo: '外に出るのが危ないときは、家の2階以上や崖から離れた部屋で身を守ってください。',
    },
    4: { name: '避難指示', phrase: '危険な場所から全員避難', todo: '今すぐ避難してください。' },
    3: {
      name: '高齢者等避難',
      phrase: '危険な場所から高齢者等は避難',
      todo: '避難に時間がかかる方は、今すぐ避難を始めてください。',
      todoOthers: 'ほかの方は、いつでも避難できるよう準備してください。',
    },
    2: {
      name: '大雨・洪水・高潮注意報',
      phrase: '自らの避難行動を確認',
      todo: '避難先と道順を確かめてください。',
    },
    1: { name: '早期注意情報', phrase: '災害への心構えを高める', todo: '最新の情報に気をつけてください。' },
  },
  en: {
    5: {
      name: 'Emergency safety measures',
      phrase: 'Your life is in danger. Secure your safety now!',
      todo: 'If going outside is dangerous, stay on an upper floor or in a room away from slopes.',
    },
    4: { name: 'Evacuation order', phrase: 'Everyone in danger zones must evacuate.', todo: 'Evacuate now.' },
    3: {
      name: 'Evacuation of elderly and others',
      phrase: 'Elderly people and others who need time must evacuate.',
      todo: 'If you need time to evacuate, start now.',
      todoOthers: 'Everyone else: be ready to evacuate.',
    },
    2: {
      name: 'Advisory',
      phrase: 'Check how you would evacuate.',
      todo: 'Check your shelter and the way there.',
    },
    1: {
      name: 'Early warning',
      phrase: 'Be prepared for a disaster.',
      todo: 'Watch for the latest information.',
    },
  },
};
