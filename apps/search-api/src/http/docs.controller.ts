import { Controller, Get, Header } from '@nestjs/common';
import { DOCS_HTML, openApiDocument } from './openapi.js';

@Controller('api/v1')
export class DocsController {
  private readonly document = openApiDocument();

  @Get('openapi.json')
  @Header('cache-control', 'public, max-age=300')
  openapi(): Record<string, unknown> {
    return this.document;
  }

  @Get('docs')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'public, max-age=300')
  docs(): string {
    return DOCS_HTML;
  }
}
