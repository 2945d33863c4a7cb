import { z } from 'zod';
import { LISTINGS_PARAMS } from '../query/listings-query.js';
import { PERFORMANCES_PARAMS } from '../query/performances-query.js';

/**
 * The OpenAPI 3.1 document, built from the very zod schemas that validate the query
 * strings (so the docs cannot drift from the checks) plus the response shapes of
 * libs/contracts/src/api.ts.
 */
const money = {
  type: 'object',
  required: ['amount', 'currency'],
  properties: { amount: { type: 'integer', description: 'cents' }, currency: { const: 'USD' } },
};
const venueRef = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } };
const item = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    performance: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        startsAt: { type: 'string', format: 'date-time' },
        venue: venueRef,
        city: { type: 'string' },
      },
    },
    section: { type: 'string' },
    row: { type: 'string' },
    seats: { type: 'array', items: { type: 'integer' } },
    quantity: { type: 'integer' },
    splits: { type: 'array', items: { type: 'integer' } },
    allInPrice: money,
    seatQuality: { type: 'number', minimum: 0, maximum: 100 },
    viewNotes: { type: 'array', items: { type: 'string' } },
    dealScore: { type: 'number', minimum: 0, maximum: 100 },
    explanation: { type: 'string' },
  },
};
const share = { type: 'number', minimum: 0, maximum: 1 };
const hiddenBy = {
  type: 'array',
  description: 'What hides the rest of the stage, biggest first as computed',
  items: {
    type: 'object',
    properties: {
      by: {
        type: 'string',
        enum: ['overhang', 'rail', 'heads', 'stage-edge', 'proscenium', 'box-wall', 'column'],
      },
      name: { type: 'string', description: 'e.g. "mezzanine", "row U column"' },
      side: { type: 'string', enum: ['top', 'bottom', 'left', 'right', 'middle'] },
      share: { ...share, description: "of the opening's height (top/bottom) or width (left/right/middle)" },
    },
  },
};
/** A seat's computed sightline (docs/domain.md §7): shares of the proscenium opening. */
const sightline = {
  type: 'object',
  description: "The seat's computed sightline: shares 0..1 of the proscenium opening it sees",
  properties: {
    visibleHeightShare: share,
    visibleWidthShare: share,
    visibleShare: { ...share, description: 'of the whole opening (height × width)' },
    hiddenBy,
  },
};
const sightlineDetail = {
  allOf: [
    sightline,
    {
      type: 'object',
      properties: {
        summary: { type: 'string', description: '"You see about 82% of the stage"' },
        notes: { type: 'array', items: { type: 'string' } },
        drawing: {
          type: 'object',
          description:
            'Metres: x across the house (house left negative), y from the stage lip into the house, z above the orchestra floor; eye, stage, visible band on the picture plane, edges and columns that bound the view',
        },
      },
    },
  ],
};
const error = {
  type: 'object',
  properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string' } },
};

function params(shape: Record<string, z.ZodType>) {
  return Object.entries(shape).map(([name, schema]) => {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    const { description, $schema: _s, ...rest } = json;
    return { name, in: 'query', required: false, description, schema: rest };
  });
}

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const errors = {
  '400': { description: 'Invalid parameter (the message names it)', ...json(error) },
  '429': { description: 'Rate limited (Retry-After)', ...json(error) },
};

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hamiltix search API',
      version: '1.0.0',
      description:
        'Ranked Hamilton listings across every date. Money is integer cents per ticket, fees included.',
    },
    paths: {
      '/api/v1/shows': {
        get: {
          summary: 'Productions on sale',
          responses: {
            '200': {
              description: 'Shows',
              ...json({
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    title: { type: 'string' },
                    venue: venueRef,
                    city: { type: 'string' },
                    timeZone: { type: 'string' },
                  },
                },
              }),
            },
          },
        },
      },
      '/api/v1/performances': {
        get: {
          summary:
            'Performances on sale (before their sales cut-off) with listing count, lowest all-in price and best deal score',
          parameters: params(PERFORMANCES_PARAMS),
          responses: {
            '200': {
              description: 'Performances',
              ...json({
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    showId: { type: 'string' },
                    startsAt: { type: 'string' },
                    venue: venueRef,
                    city: { type: 'string' },
                    listingCount: { type: 'integer' },
                    lowestAllInPrice: { oneOf: [money, { type: 'null' }] },
                    bestDealScore: { type: ['number', 'null'] },
                  },
                },
              }),
            },
            ...errors,
          },
        },
      },
      '/api/v1/listings': {
        get: {
          summary: 'Ranked listings across dates (performances past their sales cut-off never appear)',
          parameters: params(LISTINGS_PARAMS),
          responses: {
            '200': {
              description: 'A page',
              ...json({
                type: 'object',
                properties: {
                  items: { type: 'array', items: item },
                  nextCursor: { type: ['string', 'null'] },
                },
              }),
            },
            '304': { description: 'Not modified (If-None-Match)' },
            ...errors,
          },
        },
      },
      '/api/v1/listings/{id}': {
        get: {
          summary: 'One listing with price history, breakdown and seat positions',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d+$' } },
          ],
          responses: {
            '200': {
              description: 'The listing',
              ...json({
                allOf: [
                  item,
                  {
                    type: 'object',
                    properties: {
                      priceHistory: {
                        type: 'array',
                        items: {
                          type: 'object',
                          properties: { at: { type: 'string' }, amount: { type: 'integer' } },
                        },
                      },
                      priceBreakdown: {
                        type: 'object',
                        properties: { ticket: money, fees: money, total: money },
                      },
                      seatPositions: {
                        type: 'array',
                        items: {
                          type: 'object',
                          properties: {
                            section: { type: 'string' },
                            row: { type: 'string' },
                            number: { type: 'integer' },
                            x: { type: 'number' },
                            y: { type: 'number' },
                            sightline: { oneOf: [sightlineDetail, { type: 'null' }] },
                          },
                        },
                      },
                      sectionId: { type: ['string', 'null'] },
                    },
                  },
                ],
              }),
            },
            '404': {
              description:
                'Unknown or gone; `reason: "performance_closed"` when its performance is past the sales cut-off',
              ...json({
                allOf: [
                  error,
                  {
                    type: 'object',
                    properties: { reason: { type: 'string', enum: ['performance_closed'] } },
                  },
                ],
              }),
            },
            ...errors,
          },
        },
      },
      '/api/v1/venues/{id}/seatmap': {
        get: {
          summary: "Geometry to draw the theatre, with view notes and each seat's sightline",
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description:
                'Seat map: sections, rows and seats (each with its quality `q` and computed `sightline`)',
              ...json({
                type: 'object',
                properties: {
                  sections: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        rows: {
                          type: 'array',
                          items: {
                            type: 'object',
                            properties: {
                              seats: {
                                type: 'array',
                                items: {
                                  type: 'object',
                                  properties: {
                                    n: { type: 'integer' },
                                    x: { type: 'number' },
                                    y: { type: 'number' },
                                    q: { type: 'number' },
                                    notes: { type: 'array', items: { type: 'string' } },
                                    sightline,
                                  },
                                },
                              },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              }),
            },
            '404': { description: 'Unknown venue', ...json(error) },
          },
        },
      },
    },
  };
}

/** A small self-contained page rendering the document (no CDN). */
export const DOCS_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hamiltix search API</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}code{background:#f3f3f3;padding:0 .2em}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;vertical-align:top}h2{margin-top:2rem}</style>
</head><body><h1>Hamiltix search API</h1><p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p><main id="docs">Loading…</main>
<script>
fetch('/api/v1/openapi.json').then(r=>r.json()).then(doc=>{const m=document.getElementById('docs');m.textContent='';
const esc=s=>String(s??'').replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
for(const [path,ops] of Object.entries(doc.paths)){for(const [method,op] of Object.entries(ops)){const s=document.createElement('section');
let h='<h2><code>'+method.toUpperCase()+' '+esc(path)+'</code></h2><p>'+esc(op.summary)+'</p>';
if(op.parameters&&op.parameters.length){h+='<table><tr><th>parameter</th><th>in</th><th>description</th><th>schema</th></tr>';for(const p of op.parameters)h+='<tr><td><code>'+esc(p.name)+'</code></td><td>'+esc(p.in)+'</td><td>'+esc(p.description)+'</td><td><code>'+esc(JSON.stringify(p.schema))+'</code></td></tr>';h+='</table>';}
h+='<p>Responses: '+Object.entries(op.responses).map(([c,r])=>'<b>'+c+'</b> '+esc(r.description)).join(' · ')+'</p>';s.innerHTML=h;m.appendChild(s);}}});
</script></body></html>`;
