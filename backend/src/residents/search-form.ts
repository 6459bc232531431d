// How staff searches compare a typed text with residents' names and addresses (the resident search at a shelter,
// the household search for watch-over consent): width differences do not matter (「寺前99」 finds 「寺前９９番地」),
// nor spaces, full-width too (「田中花子」 finds 「田中　花子」).
export const searchForm = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '');
