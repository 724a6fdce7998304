import { describe, expect, it } from 'vitest';
import { findDates, type Granularity, type Relation } from '../../src/analyse/dates.ts';

/**
 * The date-resolution table: real sentences (or verbatim pieces of them) from the seed corpus
 * (/work/shared/seeds), Timeline17 (timeline17-dev) and Reuters-21578, each with the date its article
 * was published and the dates a careful reader resolves. `source` says where the phrase comes from.
 */
interface Expected {
  value: string;
  granularity: Granularity;
  relation?: Relation;
  part?: 'early' | 'mid' | 'late';
  season?: string;
}
interface Row {
  source: string;
  sentence: string;
  ref: string | null;
  /** Every dated expression that must be found (others may be found too unless `only`). */
  expect: Expected[];
  /** No other dated expression may be found. */
  only?: boolean;
}

const SEEDS: Row[] = [
  { source: 'seed 000', ref: '2020-12-03', sentence: 'Fears of regional conflict have increased since the assassination of top Iranian nuclear scientist Mohsen Fakhrizadeh outside Tehran last Friday.', expect: [{ value: '2020-11-27', granularity: 'day', relation: 'past' }], only: true },
  { source: 'seed 000', ref: '2020-12-03', sentence: 'Domestic pressure is mounting on Tehran to retaliate, with hardliners seeking to capitalise on anger at the killing to strengthen their position ahead of next June’s presidential elections', expect: [{ value: '2021-06', granularity: 'month', relation: 'future' }], only: true },
  { source: 'seed 000', ref: '2020-12-03', sentence: 'Iran-backed militias calling for the withdrawal of foreign troops have carried out a series of attacks since October 2019, killing a British army medic, three Americans, and six Iraqis in the process.', expect: [{ value: '2019-10', granularity: 'month', relation: 'past' }], only: true },
  { source: 'seed 000', ref: '2020-12-03', sentence: 'In May 2019, rocket attacks on Baghdad’s high-security Green Zone, home to the American embassy, prompted the US to order the withdrawal of “non-emergency” staff.', expect: [{ value: '2019-05', granularity: 'month' }], only: true },
  { source: 'seed 000', ref: '2020-12-03', sentence: 'Last December, militia supporters besieged the embassy for two days, penetrating security walls and set fires and smashing windows in reception areas.', expect: [{ value: '2019-12', granularity: 'month', relation: 'past' }], only: true },
  { source: 'seed 000', ref: '2020-12-03', sentence: 'Tensions ratcheted up further in early January when a US drone strike killed top Iranian general Qassem Soleimani near Baghdad airport.', expect: [{ value: '2020-01', granularity: 'month', part: 'early', relation: 'past' }], only: true },
  { source: 'seed 000', ref: '2020-12-03', sentence: 'By September, the US had threatened to close the embassy unless Iraqi authorities reined in militia attacks.', expect: [{ value: '2020-09', granularity: 'month', relation: 'past' }], only: true },
  { source: 'seed 000', ref: '2020-12-03', sentence: 'That prompted militias to announce a unilateral truce that lasted until November 17, when rockets fired at the Green Zone killed a child.', expect: [{ value: '2020-11-17', granularity: 'day', relation: 'past' }], only: true },
  { source: 'seed 000', ref: '2020-12-03', sentence: 'The outgoing administration of President Trump, eager to end open-ended foreign deployments, has ordered a further drawdown of troops in Iraq from about 3,000 to about 2,500 by January 15.', expect: [{ value: '2021-01-15', granularity: 'day', relation: 'deadline' }], only: true },
  { source: 'seed 000', ref: '2020-12-03', sentence: 'President-elect Joe Biden has pledged to resume diplomacy with Iran, confirming in a New York Times interview published Wednesday that he remains committed to rejoining the 2015 nuclear deal abandoned by President Trump.', expect: [{ value: '2020-12-02', granularity: 'day' }, { value: '2015', granularity: 'year', relation: 'past' }], only: true },
  { source: 'seed 000', ref: '2020-12-03', sentence: 'Conservatives hoping to win next year’s election are hoping to pressure the incoming Biden administration to make a quick return to the nuclear deal and offer speedy sanctions relief, she said.', expect: [{ value: '2021', granularity: 'year', relation: 'future' }], only: true },
  { source: 'seed 000', ref: '2020-12-03', sentence: 'The United States threatened to close its Baghdad embassy in September unless Iraqi authorities reined in rogue militia attacks - STR/AFP via Getty Images', expect: [{ value: '2020-09', granularity: 'month' }], only: true },
  { source: 'seed 001', ref: '2020-12-03', sentence: 'A member of the Iraqi security forces inspects the damage outside Zawraa park in the capital Baghdad on Nov 18, 2020.', expect: [{ value: '2020-11-18', granularity: 'day' }], only: true },
  { source: 'seed 001', ref: '2020-12-03', sentence: 'BAGHDAD (AFP) - The American embassy in Baghdad has partially withdrawn its staff due to security concerns, two senior Iraqi officials told AFP late Wednesday (Dec 2).', expect: [{ value: '2020-12-02', granularity: 'day', relation: 'past' }], only: true },
  { source: 'seed 001', ref: '2020-12-03', sentence: 'That prompted Iran-aligned factions to agree to a "truce" in mid-October, and the attacks swiftly stopped.', expect: [{ value: '2020-10', granularity: 'month', part: 'mid' }], only: true },
  { source: 'seed 001', ref: '2020-12-03', sentence: 'On Nov 17, a volley of rockets hit several Baghdad neighbourhoods, killing one girl.', expect: [{ value: '2020-11-17', granularity: 'day', relation: 'past' }], only: true },
  { source: 'seed 001', ref: '2020-12-03', sentence: 'One Western official told AFP in late November that the US was studying three options, including a partial withdrawal.', expect: [{ value: '2020-11', granularity: 'month', part: 'late' }], only: true },
  { source: 'seed 001', ref: '2020-12-03', sentence: 'Washington has been outraged by the dozens of rocket attacks and roadside bombs targeting its mission and other US military installations across Iraq over the last year.', expect: [], only: true },
  { source: 'seed 002', ref: '2020-12-02', sentence: 'The Trump administration is removing about half of its diplomats from the Baghdad embassy in Iraq amid heightened tensions with Iran, Politico reported on Wednesday.', expect: [{ value: '2020-12-02', granularity: 'day', relation: 'past' }], only: true },
  { source: 'seed 002', ref: '2020-12-02', sentence: 'The US embassy was the site of frequent rocket attacks that ramped up after the US assassinated Iranian Gen. Qasem Soleimani in January.', expect: [{ value: '2020-01', granularity: 'month', relation: 'past' }], only: true },
  { source: 'seed 002', ref: '2020-12-02', sentence: 'Soleimani was killed alongside Abu Mahdi al-Mohandes, the leader of Iraq’s Popular Mobilization Force (PMF), a group of mostly Shia Iraqi state-sponsored militias formed in 2014 to fight ISIS.', expect: [{ value: '2014', granularity: 'year' }], only: true },
  { source: 'seed 002', ref: '2020-12-02', sentence: 'In October, the Shia militias announced a ceasefire with the US in the hopes it would lead to a withdrawal.', expect: [{ value: '2020-10', granularity: 'month', relation: 'past' }], only: true },
  { source: 'seed 002', ref: '2020-12-02', sentence: 'The same day the US announced a troop drawdown in Iraq from 3,000 to 2,500 in November, rockets were fired at the US embassy in Baghdad.', expect: [{ value: '2020-11', granularity: 'month' }], only: true },
  { source: 'seed 002', ref: '2020-12-02', sentence: 'The Washington Post quoted a spokesman for the group who said they were urging restraint in a story published on Saturday.', expect: [{ value: '2020-11-28', granularity: 'day' }], only: true },
  { source: 'seed 002', ref: '2020-12-02', sentence: 'We will not listen to you anymore because our motives are 100 percent nationalist.', expect: [], only: true },
  { source: 'seed 003', ref: '2020-12-02', sentence: 'A person familiar with the withdrawal described it as a temporary “de-risking” that will continue until after the Jan. 3 anniversary of the slaying of senior Iranian military leader Qasem Soleimani last year by a U.S. drone strike in Baghdad.', expect: [{ value: '2020-01-03', granularity: 'day', relation: 'past' }], only: true },
  { source: 'seed 003', ref: '2020-12-02', sentence: 'Tensions spiked across the Middle East on Friday after a prominent Iranian nuclear scientist, Mohsen Fakhrizadeh, was killed in a targeted attack in Tehran.', expect: [{ value: '2020-11-27', granularity: 'day', relation: 'past' }], only: true },
  { source: 'seed 003', ref: '2020-12-02', sentence: 'The U.S. began to reduce its embassy staffing in May, 2019, ordering “non-emergency” government employees to leave Iraq because of the danger posed by rocket attacks.', expect: [{ value: '2019-05', granularity: 'month' }], only: true },
  { source: 'seed 003', ref: '2020-12-02', sentence: 'As tensions soared last year between the U.S. and Iranian-backed militias, the armed groups besieged the embassy for two days in December.', expect: [{ value: '2019-12', granularity: 'month', relation: 'past' }] },
  { source: 'seed 003', ref: '2020-12-02', sentence: 'The unit, primarily composed of infantrymen, was formed after the 2011 attack in Benghazi, Libya, that killed four Americans, including U.S. Ambassador Chris Stevens.', expect: [{ value: '2011', granularity: 'year' }], only: true },
  { source: 'seed 003', ref: '2020-12-02', sentence: 'Last month, Trump told his advisers he is prepared to order a devastating response if any Americans are killed in attacks attributed to Iran, a senior official said.', expect: [{ value: '2020-11', granularity: 'month', relation: 'past' }], only: true },
  { source: 'seed 003', ref: '2020-12-02', sentence: 'The U.S. military is now reducing its presence in Iraq from about 3,000 to 2,500 by Jan. 15, following a directive by Trump last month.', expect: [{ value: '2021-01-15', granularity: 'day', relation: 'deadline' }, { value: '2020-11', granularity: 'month', relation: 'past' }], only: true },
  { source: 'seed 003', ref: '2020-12-02', sentence: 'Army Gen. Mark Milley, the chairman of the Joint Chiefs of Staff, said on Tuesday that the Iraqi government has indicated that it wants to keep a small U.S. military force in Iraq', expect: [{ value: '2020-12-01', granularity: 'day', relation: 'past' }], only: true },
  { source: 'seed 004', ref: '2020-09-29', sentence: 'Additionally, after the US’ killing of senior Islamic Revolutionary Guard Corps (IRGC) Commander Qassem Soleimani in Baghdad in January this year, the Iraqi parliament voted to expel all foreign troops from the country', expect: [{ value: '2020-01', granularity: 'month', relation: 'past' }], only: true },
  { source: 'seed 004', ref: '2020-09-29', sentence: 'For years, Iraq has also been caught between the clashing regional interests of its two major allies, the US and Iran, a situation that has become worse following the US’ withdrawal from the 2015 JCPOA nuclear agreement.', expect: [{ value: '2015', granularity: 'year' }], only: true },
  { source: 'seed 004', ref: '2020-09-29', sentence: 'If the Trump administration decides to follow through on its threat, closing the embassy is expected to take 90 days, giving the US some time to reassess its decision.', expect: [], only: true },
  { source: 'seed 004', ref: '2020-09-29', sentence: 'Reports suggest that Pompeo delivered the message via phone to both Kadhimi and President Barham Salih over the weekend, and expressed Washington’s frustrations with Iran-backed Shi’ite militias launching rocket attacks on diplomatic missions in the country.', expect: [{ value: '2020-09', granularity: 'month', relation: 'past' }], only: true },
  { source: 'seed 004', ref: null, sentence: 'September 29, 2020', expect: [{ value: '2020-09-29', granularity: 'day' }], only: true },
  { source: 'seed 000', ref: '2020-12-03', sentence: 'Following Fakhrizadeh’s killing, Iran’s conservative dominated parliament has passed a law calling for Iran to increase uranium enrichment to 20 percent and to halt international inspections of nuclear sites.', expect: [], only: true },
];

const TIMELINE17: Row[] = [
  { source: 'syria', ref: '2011-04-22', sentence: 'On Thursday, ahead of mass protests that broke out again on Friday, Assad ended a draconian state of emergency, in place for 48 years, that allowed blanket repression with impunity.', expect: [{ value: '2011-04-21', granularity: 'day' }, { value: '2011-04-22', granularity: 'day' }], only: true },
  { source: 'syria', ref: '2011-04-22', sentence: 'Nearly 30 years ago, the elder Assad ruthlessly put down an armed Islamist uprising, killing tens thousands of people in the city of Hama in a bombardment cloaked from international view.', expect: [{ value: '1981', granularity: 'year' }], only: true },
  { source: 'syria', ref: '2011-04-22', sentence: "Friday's violence brings the death toll to about 300, according to rights activists, since the unrest which broke out on March 18 in the southern city of Deraa.", expect: [{ value: '2011-04-22', granularity: 'day' }, { value: '2011-03-18', granularity: 'day' }], only: true },
  { source: 'syria', ref: '2011-04-08', sentence: 'A hospital source and an activist reported 17 dead in Deraa, where protests began last month before spreading across the country.', expect: [{ value: '2011-03', granularity: 'month' }], only: true },
  { source: 'syria', ref: '2011-04-25', sentence: 'France appointed a special envoy last summer to facilitate back channel contacts between Syria and Israel, and Turkey, Spain and Germany have also been involved in passing messages, diplomats say.', expect: [{ value: '2010', granularity: 'year', season: 'summer' }], only: true },
  { source: 'syria', ref: '2011-05-03', sentence: 'No foreign mediators have stepped in since joint Saudi-Syrian mediation collapsed late last year.', expect: [{ value: '2010', granularity: 'year', part: 'late' }], only: true },
  { source: 'syria', ref: '2011-04-25', sentence: 'That rail line is due for completion by September 2012.', expect: [{ value: '2012-09', granularity: 'month', relation: 'deadline' }], only: true },
  { source: 'syria', ref: '2011-04-25', sentence: 'After years of unsuccessfully trying to corner Syria over the 2005 assassination of Lebanese Prime Minister Rafik Hariri, the United States sent an ambassador back to Damascus this year.', expect: [{ value: '2005', granularity: 'year' }, { value: '2011', granularity: 'year' }], only: true },
  { source: 'syria', ref: '2011-04-26', sentence: 'After the wedding, the other flowers and plants will be left at the church until May 6 for the public to view.', expect: [{ value: '2011-05-06', granularity: 'day', relation: 'future' }], only: true },
  { source: 'syria', ref: '2011-04-25', sentence: 'Assad lifted a 48-year state of emergency on Thursday but activists say violence the following day, when 100 protesters were killed, showed he was not serious about reform.', expect: [{ value: '2011-04-21', granularity: 'day' }], only: true },
  { source: 'syria', ref: '2011-04-27', sentence: 'Syria, which had a military presence for 29 years until 2005, remains the most influential external player in Lebanon\'s sectarian politics.', expect: [{ value: '2005', granularity: 'year' }], only: true },
  { source: 'syria', ref: '2012-01-29', sentence: 'The UN says more than 5,000 people have been killed since protests against the government of President Bashar al-Assad first erupted last March.', expect: [{ value: '2011-03', granularity: 'month' }], only: true },
  { source: 'syria', ref: '2012-01-27', sentence: 'Gen Dabi, whose monitoring mission has been extended until late February, said violence had soared `` in a significant way\'\' in recent days.', expect: [{ value: '2012-02', granularity: 'month', part: 'late' }], only: true },
  { source: 'syria', ref: '2012-01-13', sentence: 'But on Thursday another 18 deaths were reported in the continuing struggle between demonstrators and security forces - bringing to more than 400 the number killed since the mission began in late December.', expect: [{ value: '2012-01-12', granularity: 'day' }, { value: '2011-12', granularity: 'month', part: 'late' }], only: true },
  { source: 'syria', ref: '2012-02-06', sentence: 'Formed last November after months of talks in Turkey', expect: [{ value: '2011-11', granularity: 'month' }], only: true },
  { source: 'syria', ref: '2011-08-17', sentence: 'he sees the ECB could end up buying almost $ 300 billion worth of Spanish and Italian bonds by late September to fight off waves of speculative attacks.', expect: [{ value: '2011-09', granularity: 'month', part: 'late', relation: 'deadline' }], only: true },
  { source: 'syria', ref: '2011-04-28', sentence: 'Although there appear to be fewer tankers heading for northwest Europe than the long line of vessels queuing up in late March, a steady stream of deliveries continues.', expect: [{ value: '2011-03', granularity: 'month', part: 'late' }], only: true },
  { source: 'syria', ref: null, sentence: '24 April 2011 Last updated at 17:55 GMT Help Syrian security forces have arrested dozens of anti-government activists', expect: [{ value: '2011-04-24', granularity: 'day' }], only: true },
  { source: 'syria', ref: null, sentence: 'Credit: Reuters\\/Amateur Video via Reuters TV AMMAN | Fri Apr 22, 2011 7:12 pm EDT AMMAN (Reuters) - Syrian security forces killed almost 90 protesters', expect: [{ value: '2011-04-22', granularity: 'day' }] },
  { source: 'syria', ref: null, sentence: 'Syrian security forces killed almost 90 protesters Friday, rights activists said, the bloodiest day in a month of escalating pro-democracy demonstrations against the rule of President Bashar al-Assad.', expect: [], only: true },
  { source: 'syria', ref: '2011-04-28', sentence: '3 million bpd of oil and 956 million cubic feet a day of gas exported by Libya before rebels launched a revolt against Muammar Gaddafi in early 2011.', expect: [{ value: '2011', granularity: 'year', part: 'early' }], only: true },
  { source: 'iraq', ref: '2005-01-04', sentence: 'That belief helps to explain why, two weeks after the fall of Saddam Hussein in the spring of 2003, he slipped across the border from his native Iran and headed for Baghdad.', expect: [{ value: '2003', granularity: 'year', season: 'spring' }], only: true },
  { source: 'iraq', ref: '2005-01-04', sentence: 'And this is Gott on Iraqi leaders in mid-2002.', expect: [{ value: '2002', granularity: 'year', part: 'mid' }], only: true },
  { source: 'iraq', ref: null, sentence: 'The victims of the tsunami pay the price of war on Iraq US and British aid is dwarfed by the billions both spend on slaughter Tuesday 4 January 2005 08.43 GMT There has never been a moment like it on British television.', expect: [{ value: '2005-01-04', granularity: 'day' }] },
  { source: 'iraq', ref: '2005-01-04', sentence: 'A pub on the other side of town raised # 1,000 on Saturday night.', expect: [{ value: '2005-01-01', granularity: 'day', relation: 'past' }], only: true },
  { source: 'iraq', ref: '2005-07-03', sentence: 'Twelve hours later his body turned up in the morgue.', expect: [], only: true },
  { source: 'iraq', ref: '2005-07-04', sentence: 'TONIGHT: Do you accept that climate change is man-made, sir?', expect: [], only: true },
  { source: 'iraq', ref: '2005-06-29', sentence: 'It is an honor to speak before you tonight.', expect: [{ value: '2005-06-29', granularity: 'day' }], only: true },
  { source: 'iraq', ref: '2005-11-23', sentence: "Mr Clarke said yesterday that Mr O'Connor `` did the right thing'' by drawing the document to his attention.", expect: [{ value: '2005-11-22', granularity: 'day', relation: 'past' }], only: true },
  { source: 'egypt', ref: '2011-02-01', sentence: 'I may just read it on the air.', expect: [], only: true },
  { source: 'egypt', ref: '2011-02-01', sentence: 'CNN reporters on the scene witnessed throngs of people in Cairo march from Tahrir Square to the parliament building.', expect: [], only: true },
  { source: 'iraq', ref: '2005-05-21', sentence: 'But the Sun defended its decision to publish.', expect: [], only: true },
  { source: 'iraq', ref: '2005-04-17', sentence: "Sixty years on from the end of war in Europe, how much do today's teenagers actually know about the events surrounding the Second World War?", expect: [], only: true },
  { source: 'iraq', ref: '2005-01-30', sentence: 'All would find much that is familiar in the world today.', expect: [], only: true },
  { source: 'iraq', ref: '2005-06-29', sentence: 'In the past year, we have made significant progress: One year ago today, we restored sovereignty to the Iraqi people.', expect: [{ value: '2004-06-29', granularity: 'day', relation: 'past' }], only: true },
  { source: 'iraq', ref: '2005-08-12', sentence: 'The Bush administration, unable to capture the perpetrators of the September 11 attacks, invaded Afghanistan, killing thousands of people and driving hundreds of thousands from their homes.', expect: [{ value: '2001-09-11', granularity: 'day', relation: 'past' }], only: true },
  { source: 'iraq', ref: '2005-05-22', sentence: 'It emerges in the wake of 11 September and the invasions of Afghanistan and Iraq, and more or less reflects that state of permanent war imagined by George Orwell, waged by a single authoritarian superpower.', expect: [{ value: '2001-09-11', granularity: 'day' }], only: true },
  { source: 'syria', ref: '2011-11-18', sentence: 'The Arab League has suspended Syria and set a Saturday deadline for it to comply with the Arab peace plan, which entails a military pullout from around restive cities and towns, threatening sanctions unless Assad acts to halt the violence.', expect: [{ value: '2011-11-19', granularity: 'day', relation: 'deadline' }], only: true },
  { source: 'syria', ref: '2011-09-09', sentence: 'But, ahead of a visit by the Arab League secretary general to Damascus on Saturday, residents and activists reported an easing in the use of live ammunition by Syrian troops and security police.', expect: [{ value: '2011-09-10', granularity: 'day', relation: 'future' }], only: true },
  { source: 'syria', ref: '2011-05-03', sentence: 'Najib Mikati, a Sunni, was designated prime minister on Jan. 25.', expect: [{ value: '2011-01-25', granularity: 'day', relation: 'past' }], only: true },
  { source: 'syria', ref: '2011-09-13', sentence: 'NTC forces, which seized Tripoli on August 23, said they were meeting fierce resistance on the fourth day of fighting for the Gaddafi-held desert town of Bani Walid, 150 km (95 miles) southeast of the capital, and were edging towards Sirte.', expect: [{ value: '2011-08-23', granularity: 'day', relation: 'past' }], only: true },
  { source: 'syria', ref: '2011-04-21', sentence: "The Alawites need to be told by the international community that it is now 25 years after the fall of the Soviet Union, their protector, and that there are officials and ex-officials amongst them that are unsavable under international law for their bloody pasts", expect: [], only: true },
  { source: 'egypt', ref: '2011-02-03', sentence: "The committee late Friday called on protests to continue at Tahrir Square every Tuesday and Friday until President Hosni Mubarak `` resigns and makes true the demands of the people.''", expect: [{ value: '2011-01-28', granularity: 'day', relation: 'past' }], only: true },
  { source: 'haiti', ref: '2010-01-30', sentence: 'The next day we visit the US embassy, guarded by armed American soldiers.', expect: [], only: true },
  { source: 'haiti', ref: '2010-01-14', sentence: 'Another 800 will be there by Friday and the rest of the 3,500-member division is on standby in case they are needed.', expect: [{ value: '2010-01-15', granularity: 'day', relation: 'deadline' }], only: true },
];

const REUTERS: Row[] = [
  { source: 'reuters', ref: '1987-02-26', sentence: 'Henske, 53, has served as CEO since 1978 and chairman since 1980. He will continue as chairman until his retirement in June 1988.', expect: [{ value: '1978', granularity: 'year' }, { value: '1980', granularity: 'year' }, { value: '1988-06', granularity: 'month', relation: 'future' }], only: true },
  { source: 'reuters', ref: '1987-02-26', sentence: 'In a filing with the Securities and Exchange Commission, the group said it bought 32,800 Robeson common shares between Jan 26 and Feb 9 for 175,691 dlrs.', expect: [{ value: '1987-01-26', granularity: 'day' }, { value: '1987-02-09', granularity: 'day' }], only: true },
  { source: 'reuters', ref: '1987-02-26', sentence: 'But some other analysts were uncertain that even an emergency meeting would address the problem of OPEC production above the 15.8 mln bpd quota set last December.', expect: [{ value: '1986-12', granularity: 'month', relation: 'past' }], only: true },
  { source: 'reuters', ref: '1987-02-26', sentence: 'When it first disclosed its stake in Wrather earlier this month, it said it bought the stock for investment purposes.', expect: [{ value: '1987-02', granularity: 'month' }], only: true },
  { source: 'reuters', ref: '1987-02-26', sentence: 'Coleco said it changed from a single product company to a more diversified organization through four major acquisitions last year.', expect: [{ value: '1986', granularity: 'year' }], only: true },
  { source: 'reuters', ref: '1987-02-26', sentence: 'Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought since early January and improving prospects for the coming temporao', expect: [{ value: '1987-01', granularity: 'month', part: 'early' }], only: true },
  { source: 'reuters', ref: '1987-02-26', sentence: 'Olin Corp said its board will elect in April John Johnstone Jr as its chief executive officer.', expect: [{ value: '1987-04', granularity: 'month', relation: 'future' }], only: true },
  { source: 'reuters', ref: '1987-02-26', sentence: 'Diamond Shamrock Corp said that effective today it had cut its contract prices for crude oil by 1.50 dlrs a barrel.', expect: [{ value: '1987-02-26', granularity: 'day' }], only: true },
  { source: 'reuters', ref: '1987-02-26', sentence: 'Liberty All-Star Equity Fund said it declared an initial dividend of five cts per share, payable April two to shareholders of record March 20.', expect: [{ value: '1987-03-20', granularity: 'day', relation: 'future' }] },
  { source: 'reuters', ref: '1987-02-26', sentence: 'The report, which will focus on the cost of certificates compared to cash, is scheduled to be released in mid March.', expect: [{ value: '1987-03', granularity: 'month', part: 'mid', relation: 'future' }], only: true },
  { source: 'reuters', ref: '1987-02-26', sentence: 'Feed prices at the end of January were reported 35 to 40 pct above year-ago levels, the department said.', expect: [{ value: '1987-01', granularity: 'month', part: 'late' }], only: true },
  { source: 'reuters', ref: '1987-02-26', sentence: 'Diamond is the latest in a line of U.S. oil companies that have cut its contract, or posted, prices over the last two days citing weak oil markets.', expect: [], only: true },
  { source: 'reuters', ref: '1987-02-26', sentence: 'Arrivals for the week ended February 22 were 155,221 bags of 60 kilos making a cumulative total for the season of 5.93 mln against 5.81 at the same stage last year.', expect: [{ value: '1987-02-22', granularity: 'day', relation: 'past' }] },
  { source: 'reuters', ref: '1987-02-26', sentence: 'The dry period means the temporao will be late this year.', expect: [{ value: '1987', granularity: 'year' }], only: true },
  { source: 'reuters', ref: '1987-02-26', sentence: 'Total Bahia sales are currently estimated at 6.13 mln bags against the 1986/87 crop and 1.06 mln bags against the 1987/88 crop.', expect: [], only: true },
];

const TABLE = [...SEEDS, ...TIMELINE17, ...REUTERS];

function describeExpected(e: Expected): string {
  return [e.value, e.part, e.season, e.relation].filter(Boolean).join(' ');
}

describe('findDates: the date-resolution table (real phrases)', () => {
  it('holds at least 60 real phrases', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
  });

  it.each(TABLE.map((row) => [`${row.source} (${row.ref ?? 'no date'}): “${row.sentence.slice(0, 70)}…” → ${row.expect.map(describeExpected).join(', ') || 'no date'}`, row] as const))(
    '%s',
    (_name, row) => {
      const found = findDates(row.sentence, row.ref ? { date: row.ref } : null);
      for (const f of found) expect(row.sentence.slice(f.start, f.end)).toBe(f.phrase);
      const dated = found.filter((f) => f.value !== null);
      for (const e of row.expect) {
        const hit = dated.find((f) => f.value === e.value && f.granularity === e.granularity);
        expect(hit, `${e.value} (${e.granularity}) in ${JSON.stringify(dated.map((f) => [f.phrase, f.value]))}`).toBeDefined();
        if (e.relation) expect(hit!.relation).toBe(e.relation);
        expect(hit!.part).toBe(e.part);
        if (e.season) expect(hit!.season).toBe(e.season);
      }
      if (row.only) expect(dated.map((f) => f.value).sort()).toEqual(row.expect.map((e) => e.value).sort());
    },
  );
});

describe('findDates: rules', () => {
  it.each([
    ['a bare month with no preposition is not a date', 'May the best team win.', '2020-12-03', []],
    ['lower-case "march" is a walk, not a month', 'They will march on the capital.', '2020-12-03', []],
    ['numbers with thousands separators are never years', 'from about 3,000 to about 2,500 troops', '2020-12-03', []],
    ['a four-digit count of people is not a year', 'Police said 2000 people gathered.', '2020-12-03', []],
    ['a time of day in GMT is not a year', 'The market closed at 1900 GMT.', '1987-03-02', []],
    ['"last December" in a December article is the year before', 'Last December, it rained.', '2020-12-15', ['2019-12']],
    ['"next June" in a December article is the coming year', 'elections next June', '2020-12-03', ['2021-06']],
    ['a past-tense weekday is the one before the reference', 'He said on Friday that it was over.', '2020-12-03', ['2020-11-27']],
    ['a future-tense weekday is the one after the reference', 'He will speak on Friday.', '2020-12-03', ['2020-12-04']],
    ['"last Friday" on a Friday is a week back', 'It happened last Friday.', '2020-12-04', ['2020-11-27']],
    ['"in the fall of" a regime is not autumn', 'after the fall of Saddam Hussein', '2005-01-04', []],
    ['a weekend is the month both its days fall in', 'It rained over the weekend.', '2020-10-01', ['2020-09']],
    ['a weekend across two months is left out', 'It rained over the weekend.', '2020-11-03', []],
    ['a weekend still to come is the coming one', 'They will come this weekend.', '2020-09-29', ['2020-10']],
  ] as const)('%s', (_name, sentence, ref, values) => {
    expect(findDates(sentence, { date: ref }).filter((f) => f.value).map((f) => f.value)).toEqual(values);
  });

  it('with no reference date leaves relative expressions without a value and resolves absolute ones', () => {
    const found = findDates('Last December, before the May 2019 attacks and on Friday, nothing happened.', null);
    expect(found.filter((f) => f.value).map((f) => f.value)).toEqual(['2019-05']);
    expect(found.some((f) => f.value === null && f.relative)).toBe(true);
  });

  it('never reads the clock: results do not depend on today', () => {
    const a = findDates('It happened last Friday.', { date: '2001-06-01' });
    expect(a[0]?.value).toBe('2001-05-25');
  });

  it('marks durations as durations, with no value', () => {
    const [d] = findDates('the armed groups besieged the embassy for two days', { date: '2020-12-02' });
    expect(d).toMatchObject({ phrase: 'for two days', relation: 'duration', value: null });
  });
});

/**
 * Attributive dates (issue 4: "a wrong date is worse than a missing one"): real sentences from the seeds,
 * Timeline17 and Reuters-21578 (each checked to occur verbatim in its source), with the date that either
 * belongs to something the sentence only mentions (`attributive`: found, marked, and not the sentence's
 * date) or is the sentence's own event. `clause` is the self-contained span a timeline may show instead:
 * only a participial clause, whose verb the date dates; a modifier ("the 2011 attack …") opens a noun phrase.
 */
interface AttributiveRow {
  source: string;
  ref: string;
  sentence: string;
  value: string;
  attributive: boolean;
  clause?: string;
}
const ATTRIBUTIVE_ROWS: AttributiveRow[] = [
  // attributive: the date belongs to something the sentence mentions
  { source: 'seed 002', ref: '2020-12-02', sentence: 'Soleimani was killed alongside Abu Mahdi al-Mohandes, the leader of Iraq’s Popular Mobilization Force (PMF), a group of mostly Shia Iraqi state-sponsored militias formed in 2014 to fight ISIS.', value: '2014', attributive: true, clause: 'a group of mostly Shia Iraqi state-sponsored militias formed in 2014 to fight ISIS.' },
  { source: 'seed 003', ref: '2020-12-02', sentence: 'The unit, primarily composed of infantrymen, was formed after the 2011 attack in Benghazi, Libya, that killed four Americans, including U.S. Ambassador Chris Stevens.', value: '2011', attributive: true },
  { source: 'seed 004', ref: '2020-09-29', sentence: 'For years, Iraq has also been caught between the clashing regional interests of its two major allies, the US and Iran, a situation that has become worse following the US’ withdrawal from the 2015 JCPOA nuclear agreement.', value: '2015', attributive: true },
  { source: 'seed 000', ref: '2020-12-03', sentence: 'President-elect Joe Biden has pledged to resume diplomacy with Iran, confirming in a New York Times interview published Wednesday that he remains committed to rejoining the 2015 nuclear deal abandoned by President Trump.', value: '2015', attributive: true },
  { source: 'syria', ref: '2011-04-25', sentence: 'After years of unsuccessfully trying to corner Syria over the 2005 assassination of Lebanese Prime Minister Rafik Hariri, the United States sent an ambassador back to Damascus this year.', value: '2005', attributive: true },
  { source: 'iraq', ref: '2005-12-28', sentence: 'A roadside bomb kills two British soldiers traveling in an armored Land Rover in southern Iraq, bringing to 95 the number of British military fatalities since the 2003 invasion.', value: '2003', attributive: true },
  { source: 'iraq', ref: '2005-04-27', sentence: "The pan-Arab satellite station, founded in 1996, helped to start the Arab world's media revolution.", value: '1996', attributive: true },
  { source: 'iraq', ref: '2005-04-06', sentence: "More than nine weeks after the January 30 elections, the Iraqi parliament voted in Mr Talabani - a veteran of the Kurds' Saddam-era struggles for independence - and paved the way for a new government in Baghdad.", value: '2005-01-30', attributive: true },
  { source: 'iraq', ref: '2005-08-12', sentence: 'The Bush administration, unable to capture the perpetrators of the September 11 attacks, invaded Afghanistan, killing thousands of people and driving hundreds of thousands from their homes.', value: '2001-09-11', attributive: true },
  { source: 'syria', ref: '2011-03-20', sentence: 'Tens of people arrested on Friday have been released, but scores more were still in jail, activists said.', value: '2011-03-18', attributive: true },
  { source: 'syria', ref: '2011-03-22', sentence: 'The body of one of those killed on Friday was brought to the protesters before burial.', value: '2011-03-18', attributive: true },
  { source: 'syria', ref: '2012-06-13', sentence: "Mrs Clinton's remarks came a day after she accused Moscow of sending attack helicopters to Damascus, a claim vehemently rejected on Wednesday by Russia's Foreign Minister Sergei Lavrov.", value: '2012-06-13', attributive: true, clause: "a claim vehemently rejected on Wednesday by Russia's Foreign Minister Sergei Lavrov." },
  { source: 'syria', ref: '2012-07-20', sentence: "Syria's national security chief Hisham Ikhtiar has died from injuries received in Wednesday's attack on the national security bureau, state TV announced, the fourth high-ranking fatality.", value: '2012-07-18', attributive: true },
  { source: 'reuters', ref: '1987-02-26', sentence: 'But some other analysts were uncertain that even an emergency meeting would address the problem of OPEC production above the 15.8 mln bpd quota set last December.', value: '1986-12', attributive: true },
  // the sentence's own event
  { source: 'seed 000', ref: '2020-12-03', sentence: 'In May 2019, rocket attacks on Baghdad’s high-security Green Zone, home to the American embassy, prompted the US to order the withdrawal of “non-emergency” staff.', value: '2019-05', attributive: false },
  { source: 'seed 000', ref: '2020-12-03', sentence: 'Last December, militia supporters besieged the embassy for two days, penetrating security walls and set fires and smashing windows in reception areas.', value: '2019-12', attributive: false },
  { source: 'seed 000', ref: '2020-12-03', sentence: 'Tensions ratcheted up further in early January when a US drone strike killed top Iranian general Qassem Soleimani near Baghdad airport.', value: '2020-01', attributive: false },
  { source: 'seed 002', ref: '2020-12-02', sentence: 'The US embassy was the site of frequent rocket attacks that ramped up after the US assassinated Iranian Gen. Qasem Soleimani in January.', value: '2020-01', attributive: false },
  { source: 'seed 000', ref: '2020-12-03', sentence: 'That prompted militias to announce a unilateral truce that lasted until November 17, when rockets fired at the Green Zone killed a child.', value: '2020-11-17', attributive: false },
  { source: 'seed 003', ref: '2020-12-02', sentence: 'Tensions spiked across the Middle East on Friday after a prominent Iranian nuclear scientist, Mohsen Fakhrizadeh, was killed in a targeted attack in Tehran.', value: '2020-11-27', attributive: false },
  { source: 'seed 002', ref: '2020-12-02', sentence: 'The Trump administration is removing about half of its diplomats from the Baghdad embassy in Iraq amid heightened tensions with Iran, Politico reported on Wednesday.', value: '2020-12-02', attributive: false },
  { source: 'seed 002', ref: '2020-12-02', sentence: 'The Washington Post quoted a spokesman for the group who said they were urging restraint in a story published on Saturday.', value: '2020-11-28', attributive: false },
  { source: 'seed 000', ref: '2020-12-03', sentence: 'President-elect Joe Biden has pledged to resume diplomacy with Iran, confirming in a New York Times interview published Wednesday that he remains committed to rejoining the 2015 nuclear deal abandoned by President Trump.', value: '2020-12-02', attributive: false },
  { source: 'syria', ref: '2011-04-15', sentence: 'Hamas was founded in 1987 as an offshoot of the Egyptian Muslim Brotherhood.', value: '1987', attributive: false },
  { source: 'syria', ref: '2011-06-17', sentence: 'China Maritime Surveillance was founded in 1998, and its duties include protecting the maritime environment.', value: '1998', attributive: false },
  { source: 'syria', ref: '2011-05-20', sentence: 'Kuwait was among 15 nations elected on Friday to the U.N. Human Rights Council after Syria, under pressure over its crackdown on protesters, dropped its bid for an Arab slot on the controversial panel.', value: '2011-05-20', attributive: false },
  { source: 'syria', ref: '2012-06-21', sentence: 'Government forces and rebel fighters agreed on Wednesday to a two-hour ceasefire to allow aid workers into the worst affected areas.', value: '2012-06-20', attributive: false },
  { source: 'syria', ref: '2011-06-06', sentence: 'An IMF report released on Monday said a better-than-expected asset recovery of Landsbanki estate `` provides comfort that public finances will remain on a sustainable path even if Iceland is found to have a sovereign obligation in the Icesave dispute\'\'.', value: '2011-06-06', attributive: false },
  { source: 'syria', ref: '2011-10-15', sentence: "The United Nations called on Friday for international protection for civilians from a crackdown it said could kindle civil war between Syria's majority Sunni Muslims and members of Assad's minority Alawite sect, an offshoot of Shi'ite Islam.", value: '2011-10-14', attributive: false },
  { source: 'syria', ref: '2012-06-23', sentence: "Inside Syria, the violence continued on Thursday with state media reporting that `` armed terrorist groups'' had abducted and massacred 25 villagers in Aleppo province.", value: '2012-06-21', attributive: false },
  { source: 'egypt', ref: '2011-01-31', sentence: 'Others sworn in on Monday were Finance Minister Samir Radwan, a former economist at the International Labor Organization, and Health Minister Ahmed Hosni Farid.', value: '2011-01-31', attributive: false },
]

describe('findDates: attributive dates (real sentences)', () => {
  it('holds both kinds', () => {
    expect(ATTRIBUTIVE_ROWS.filter((r) => r.attributive).length).toBeGreaterThanOrEqual(10);
    expect(ATTRIBUTIVE_ROWS.filter((r) => !r.attributive).length).toBeGreaterThanOrEqual(10);
  });

  it.each(ATTRIBUTIVE_ROWS.map((r) => [`${r.source}: “${r.sentence.slice(0, 70)}…” → ${r.value} ${r.attributive ? 'attributive' : 'own event'}`, r] as const))('%s', (_name, row) => {
    const found = findDates(row.sentence, { date: row.ref });
    const hit = found.find((f) => f.value === row.value);
    expect(hit, JSON.stringify(found.map((f) => [f.phrase, f.value]))).toBeDefined();
    expect(Boolean(hit!.attributive)).toBe(row.attributive);
    const clause = hit!.clause ? row.sentence.slice(hit!.clause.start, hit!.clause.end) : undefined;
    expect(clause).toBe(row.clause);
  });
});

describe('findDates: attributive rules', () => {
  it.each([
    ['a year after a possessive modifies the noun', "Protests followed Iran's 2009 election.", '2009', true],
    ['adjectives may stand between the determiner and the year', 'He was jailed after the failed 2016 coup.', '2016', true],
    ['a reduced relative after the main verb', 'Officials met leaders of a law passed in 2019 by parliament.', '2019', true],
    ['a reduced relative before the main verb', 'A law passed in 2019 requires the government to act.', '2019', true],
    ['an appositive participle', 'Hezbollah, founded in 1982, has grown into a political force.', '1982', true],
    ['a passive verb group is the sentence\'s own event', 'The PMF was formed in 2014 to fight ISIS.', '2014', false],
    ['so is one with adverbs inside', 'The PMF was quickly formed in 2014.', '2014', false],
    ['a participle that is the main verb is the sentence\'s own event', 'Militias formed in 2014 to fight ISIS.', '2014', false],
    ['a date named by a weekday is never a modifier ("the Sunday Times")', 'He told the Sunday Times about it.', '2020-11-29', false],
    ['"in an interview published Wednesday": the medium dates what happened in it', 'He said in an interview published Wednesday that he would run.', '2020-12-02', false],
  ] as const)('%s', (_name, sentence, value, attributive) => {
    const hit = findDates(sentence, { date: '2020-12-03' }).find((f) => f.value === value);
    expect(hit).toBeDefined();
    expect(Boolean(hit!.attributive)).toBe(attributive);
  });

  it.each([
    ['an event noun with a relative clause', 'The unit was formed after the 2011 attack in Benghazi, Libya, that killed four Americans.', '2011'],
    ['an event noun at the end of the sentence', 'Iran stayed after the US withdrew from the 2015 JCPOA nuclear agreement.', '2015'],
    ['an invasion', 'That brought to 95 the number of British military fatalities since the 2003 invasion.', '2003'],
  ] as const)('gives a modifier date no clause, a noun phrase is no event line: %s', (_name, sentence, value) => {
    const hit = findDates(sentence, { date: '2020-12-03' }).find((f) => f.value === value);
    expect(hit?.attributive).toBe(true);
    expect(hit?.clause).toBeUndefined();
  });

  it('gives no clause for a name made of a date ("the April 6 Youth group")', () => {
    const [f] = findDates('He spoke for the April 6 Youth group.', { date: '2011-02-01' });
    expect(f?.attributive).toBe(true);
    expect(f?.clause).toBeUndefined();
  });
});

/**
 * What the sentence says about its own time decides a yearless date (issue: wrong dates on Reuters-21578).
 * Real sentences, verbatim as the corpus splits them, with their article's publication date; each with the
 * dates a careful reader gives and, for the counter-cases, what must stay in the past.
 */
describe('findDates: looking ahead, reporting back (Reuters-21578)', () => {
  const OPEC_DEC =
    'Asked if the issue of differentials would be raised at the next OPEC meeting to be held in Vienna on December 9, Ali said "If my crudes are affected I will raise the issue, I will not do the work of another minister."';
  const ICCO =
    'The official told Reuters that Ivorian Agriculture Minister Denis Bra Kanon would attend the opening of the talks, convened by the International Cocoa Organization (ICCO), in London on Monday.';
  const GHANA =
    'The Ghana Cocoa Board said it purchased 456 tonnes of cocoa in the 23rd week, ended March 12, of the 1986/87 main crop season, compared with 684 tonnes the previous week and 784 tonnes in the 23rd week ended March 20 of the 1985/86 season.';

  it.each([
    // Ahead: a future meeting, a modal, a delivery month, a weekday after "would attend".
    ['"to be held … on December 9", the reporting verb after a comma does not date it', OPEC_DEC, '1987-06-29', [['December 9', '1987-12-09', 'future']]],
    ['"may need to hold a meeting in September"', 'However, some analysts said OPEC may need to hold a meeting in September to re-evaluate market conditions.', '1987-06-19', [['September', '1987-09', 'future']]],
    ['"Coffee for delivery in May" is ahead whatever the verb', 'Coffee for delivery in May ended at 99.28 cents a pound on the Coffee, Sugar and Cocoa Exchange, down 0.76 cent and the lowest price since August, 1981.', '1987-04-01', [['May', '1987-05', 'future'], ['August, 1981', '1981-08', 'past']]],
    ['"Gold for delivery in June"', 'Gold for delivery in June settled at 426.20 dlrs an ounce, up 3.60 dlrs and just slightly under a day\'s high of 426.50 dlrs.', '1987-04-07', [['June', '1987-06', 'future']]],
    ['"would attend … in London on Monday" in a Sunday article is the next day (", convened by …," does not govern it)', ICCO, '1987-03-15', [['on Monday', '1987-03-16', 'future']]],
    ['the same sentence in the Monday rerun is that day', ICCO, '1987-03-16', [['on Monday', '1987-03-16', 'future']]],
    // The sentence gives the year.
    ['"ended March 20 of the 1985/86 season" is in 1986; "ended March 12, of the 1986/87 … season" in 1987', GHANA, '1987-03-24', [['March 12', '1987-03-12', 'past'], ['March 20', '1986-03-20', 'past']]],
    ['"between January and August 1987": the range\'s end gives its year', 'Up to another 6.7 billion dlrs worth could be issued between January and August 1987, according to USDA.', '1987-03-25', [['January', '1987-01', 'past'], ['August 1987', '1987-08', 'future']]],
    ['"April/January 1986/87": a range over a split year starts in its first year and ends in its second', 'New equity and debenture issues, both convertible and non-convertible, rose to an officially estimated 50.70 billion rupees in April/January 1986/87 from an estimated 36.95 billion in all 1985/86 and 20 billion in all 1984/85.', '1987-03-02', [['April', '1986-04', 'past'], ['January 1986/87', '1987-01', 'past']]],
    ['"In 1986, a season that ran from April 3 …": the clause the year opens', 'In 1986, a season that ran from April 3 to December 27, the seaway moved 37.6 mln metric tons of freight between Montreal and Lake Ontario and 41.6 mln tons on the Welland Canal, linking Lake Erie and Lake Ontario.', '1987-03-20', [['1986', '1986', 'past'], ['April 3 to December 27', '1986-04-03', 'past']]],
    // A day a few days the other side of the reference is that near day, not one a year away.
    ['"will be dissolved, effective February 24" ten days before is that day', 'Equimark Corp said <Equimark Purchasing Partners> will be dissolved, effective February 24.', '1987-03-06', [['February 24', '1987-02-24', 'past']]],
    ['"Closing is expected March 17"', 'Closing is expected March 17, it said.', '1987-03-03', [['March 17', '1987-03-17', 'future']]],
    ['a past-tense near day stays in its year ("peaked on January 3" in a 28 December year-in-review)', 'Prices peaked on January 3 and fell for the rest of the year.', '1987-12-28', [['January 3', '1987-01-03', 'past']]],
    // Counter-cases: what is reported stays in the past.
    ['a past-tense weekday stays the one before ("criticized … on Monday" on a Friday)', 'Brazil\'s Funaro heavily criticized the panels in London on Monday, charging that they are unresponsive to new ideas and that U.S. banks are over-represented on them.', '1987-03-06', [['on Monday', '1987-03-02', 'past']]],
    ['a past-tense month stays in the past ("merged … in October" after an appositive)', 'Osaka-based Sumitomo, with desposits of around 23.9 trillion yen, merged with Heiwa Sogo, a small, struggling bank with an estimated 1.29 billion dlrs in unrecoverable loans, in October.', '1987-04-08', [['October', '1986-10', 'past']]],
    ['"their next steps in the wake of Friday\'s huge drops": "next" alone looks ahead to nothing', 'FRN dealers said at least 10 houses did not open for business with many market operators pausing to assess their next steps in the wake of Friday\'s huge drops and panic trading.', '1987-03-16', [['Friday', '1987-03-13', 'past']]],
    ['a modal after the date governs its own verb ("Sunday\'s … elections may force")', 'The ruling Liberal Democratic Party\'s (LDP) setback in Sunday\'s nationwide local elections may force the government to water down its controversial proposal for a five pct sales tax and undermine its commitment to stimulating the economy, private economists said.', '1987-04-13', [['Sunday', '1987-04-12', 'past']]],
    ['a modal before a possessive weekday qualifies another verb ("should not suffer … from Monday\'s financial turmoil")', 'U.S. commodity markets should not suffer any long-term ill effects from Monday\'s financial turmoil, Agriculture Secretary Richard Lyng said.', '1987-10-20', [['Monday', '1987-10-19', 'past']]],
    ['a far "is expected to" does not outweigh the reporting verb', 'The Bank of Japan is expected to encourage the trend following its attempts to pressure rates to enhance its discount rate cut on February 23, they said.', '1987-03-19', [['February 23', '1987-02-23', 'past']]],
    ['"due to the strike" is a cause, not a plan', 'Output fell in March due to the strike.', '1987-06-10', [['March', '1987-03', 'past']]],
    ['"is due to meet in September" looks ahead', 'The board is due to meet in September.', '1987-06-10', [['September', '1987-09', 'future']]],
    ['"since April" is before, whatever follows ("could cost")', 'The temporary ban, which Bryen said has been in effect unofficially since April, could cost Toshiba hundreds of mlns of dlrs in electronics business with the Pentagon, including a pending 100 mln dlr Air Force deal for small computers.', '1987-06-19', [['April', '1987-04', 'past']]],
    ['the next clause\'s modal (", and the authorities must") does not date this one', 'The CBOT applied for permission to offer a long-term Japanese government bond futures contract on March 17, and the authorities must rule on the request within a year.', '1987-04-09', [['March 17', '1987-03-17', 'past']]],
    ['"In 1986, farmers planted …, according to the February 9 USDA … report": the year\'s clause ends at the comma', 'In 1986, farmers planted 61.5 mln acres of soybeans and 76.7 mln acres of corn, according to the February 9 USDA supply/demand report.', '1987-03-20', [['1986', '1986', 'past'], ['February 9', '1987-02-09', 'past']]],
  ] as const)('%s', (_name, sentence, ref, expected) => {
    const found = findDates(sentence, { date: ref }).filter((f) => f.value !== null);
    expect(found.map((f) => [f.phrase, f.value, f.relation])).toEqual(expected);
  });

  it.each([
    ['"meets on Monday" in a Sunday article is the next day', 'The council meets on Monday.', ['1987-03-16']],
    ['"met on Monday" in a Sunday article is the Monday before', 'The council met on Monday.', ['1987-03-09']],
    ['"will meet on Monday" is the next day', 'The council will meet on Monday.', ['1987-03-16']],
    ['a day of a split season from May to September could be in either year: left out', '784 tonnes in the week ended June 20 of the 1985/86 season.', []],
    ['April of a split year is in its first year in an April–March fiscal year: left out', 'Exports rose in April 1986/87, it said.', []],
    ['April of a split season is left out too', '784 tonnes in the week ended April 20 of the 1985/86 season.', []],
    ['March of a split year is in its second', 'Exports rose in March 1986/87, it said.', ['1987-03']],
    ['"March 20 of 1986" takes the year written after it', 'Sales fell on March 20 of 1986, it said.', ['1986-03-20']],
  ] as const)('%s', (_name, sentence, values) => {
    expect(findDates(sentence, { date: '1987-03-15' }).filter((f) => f.value).map((f) => f.value)).toEqual(values);
  });
});
