import { describe, expect, it } from 'vitest';
import { boilerplateReason } from '../../src/brief/boilerplate.ts';

describe('boilerplateReason: debris never becomes a finding', () => {
  it.each([
    ['a byline', 'By Dave DeCamp'],
    ['an author line', 'Author: Dave DeCamp'],
    ['a photo credit', 'The United States threatened to close its Baghdad embassy - STR/AFP via Getty Images'],
    ['a caption marker', 'A member of the Iraqi security forces inspects the damage. PHOTO: AFP'],
    ['a newsletter plug', 'Join ST\'s Telegram channel and get the latest breaking news delivered to you.'],
    ['a social plug', 'Dave DeCamp is the news editor, follow him on Twitter @decampdave.'],
    ['a subscription call', 'Sign up for our morning newsletter to get the news first.'],
    ['a link', 'Read the full report at https://example.com/report.'],
    ['a standalone dateline', 'BAGHDAD (AFP) -'],
    ['a heading', 'Long Story Short'],
    ['a deck without closing punctuation', 'Iran has urged its allies in Iraq not to provoke tensions with the US'],
    ['a fragment', 'He said so.'],
  ])('%s is boilerplate', (_kind, sentence) => {
    expect(boilerplateReason(sentence)).not.toBeNull();
  });

  it.each([
    ['a lede with a dateline', 'BAGHDAD (AFP) - The American embassy in Baghdad has partially withdrawn its staff due to security concerns.'],
    ['a quote', '"It\'s a minor drawdown based on security reservations from the US side," the senior source said.'],
    ['a sentence that names a newspaper', 'The Washington Post quoted a spokesman for the group who said they were urging restraint.'],
    ['a sentence about a photographer', 'The photographer was released after two days, his agency said.'],
    ['a sentence about following talks', 'Delegates will follow the talks on export quotas closely, traders said.'],
  ])('%s is content', (_kind, sentence) => {
    expect(boilerplateReason(sentence)).toBeNull();
  });
});
