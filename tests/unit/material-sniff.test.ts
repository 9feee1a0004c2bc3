/** A material's type by its bytes, never its name: each bad input gets exactly its expected problem. */
import { describe, expect, it } from 'vitest'
import { sniffMaterial } from '../../mock-backend/src/materials/sniff'
import { sampleHtml, sampleJpeg, samplePdf, samplePng } from '../fixtures/node/materials/samples'

describe('sniffMaterial', () => {
  it('tells JPEG, PNG and PDF by their bytes, with or without an agreeing name', () => {
    expect(sniffMaterial(sampleJpeg())).toEqual({ mediaType: 'image/jpeg' })
    expect(sniffMaterial(sampleJpeg(), '收入证明.JPEG')).toEqual({ mediaType: 'image/jpeg' })
    expect(sniffMaterial(samplePng(), 'scan.png')).toEqual({ mediaType: 'image/png' })
    expect(sniffMaterial(samplePdf(), 'contract.pdf')).toEqual({ mediaType: 'application/pdf' })
  })

  const BAD: [string, Buffer, string | undefined, string, RegExp][] = [
    [
      'a PNG named .jpg',
      samplePng(),
      'photo.jpg',
      'type_mismatch',
      /named \.jpg but its bytes are a PNG image/,
    ],
    [
      'a JPEG named .pdf',
      sampleJpeg(),
      'a.pdf',
      'type_mismatch',
      /named \.pdf but its bytes are a JPEG image/,
    ],
    ['a truncated JPEG', sampleJpeg().subarray(0, 5000), undefined, 'truncated', /JPEG image is truncated/],
    ['a truncated PNG', samplePng().subarray(0, 900), undefined, 'truncated', /PNG image is truncated/],
    ['a PDF without %%EOF', samplePdf().subarray(0, 30), undefined, 'truncated', /PDF is truncated/],
    ['an HTML file', sampleHtml(), 'page.html', 'not_a_document', /an HTML page; a material must be a JPEG/],
    ['an HTML file named .jpg', sampleHtml(), 'x.jpg', 'not_a_document', /an HTML page/],
    ['a GIF', Buffer.from('GIF89a......'), undefined, 'not_a_document', /a GIF image/],
    ['nothing', Buffer.alloc(0), undefined, 'empty', /no bytes/],
    ['a JPEG named .exe', sampleJpeg(), 'x.exe', 'unsupported_name', /ends in "\.exe"/],
  ]
  it.each(BAD)('%s: refused as %s', (_name, bytes, fileName, code, message) => {
    const result = sniffMaterial(bytes, fileName)
    expect('problem' in result && result.problem.code).toBe(code)
    expect('problem' in result && result.problem.message).toMatch(message)
  })
})
