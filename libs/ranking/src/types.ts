/**
 * Inputs and outputs of the deal-score ranking. Money is integer cents per ticket,
 * fees included (all-in); times are epoch ms UTC and judged in the venue's zone.
 */
import type { ShowFit } from './fit.js';

/** One current listing of a show, with its seat quality already resolved by libs/venues. */
export interface RankableListing {
  /** The broker listing id (stable across pulls); also the final tie-break. */
  id: string;
  venueId: string;
  performanceId: string;
  /** Curtain, epoch ms UTC. */
  startsAtMs: number;
  /** IANA zone of the venue: day of week and matinee are judged there. */
  timeZone: string;
  /** All-in price per ticket, cents (> 0). */
  allInCents: number;
  /** Tickets in the listing. Never used by the per-ticket score. */
  quantity: number;
  /** 0..100 from libs/venues, already lowered by view notes. Same seat, same value, any date. */
  seatQuality: number;
  /** 0..1, how sure the seat model is. */
  qualityConfidence: number;
  /** Notes a buyer must see ("Obstructed view"...); empty when the view is clear. */
  viewNotes: readonly string[];
  /** Short seat description for the explanation, e.g. "Centre orchestra row F". */
  seatLabel: string;
}

export interface RankedListing {
  id: string;
  /** 1 = best deal of the show. */
  rank: number;
  seatQuality: number;
  qualityConfidence: number;
  /** Fitted expected all-in price per ticket for this seat and date, cents. */
  expectedCents: number;
  /** SeatGeek-style (actual − expected) / expected: negative is a bargain. */
  dealRatio: number;
  /** 0 (rip-off) .. 100 (bargain); 50 = priced as expected. Comparable across dates and venues of the show. */
  dealScore: number;
  /** One short sentence a buyer understands. */
  explanation: string;
}

export interface FitSummary {
  listings: number;
  /** Median |log(actual / expected)| over the inventory: how well the fit explains prices. */
  medianAbsLogResidual: number;
  /** Quality bins actually used per venue, after merging sparse ones. */
  qualityBins: number;
  /** Day-type cells that had enough listings for their own multiplier. */
  dayCells: number;
}

export interface RankResult {
  /** Best deal first; ties by listing id. */
  ranked: RankedListing[];
  fit: FitSummary;
  /** The fitted model itself: hold it to score changed listings later (rankWithFit). */
  model: ShowFit;
}
