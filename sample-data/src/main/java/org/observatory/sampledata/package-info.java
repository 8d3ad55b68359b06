/**
 * The synthetic demo data generator. It reads its inputs from {@code sample-data/generator/} (which states reply
 * to which CTS cycle, per-country profiles, the national offences of the three national submissions) and writes,
 * with a fixed seed, byte-identical files on every run: dataUNODC-style CTS exports per cycle, a population
 * table, and national submissions in Colombian, Jamaican and Chilean layouts. Every value is SYNTHETIC, not a
 * real statistic.
 */
package org.observatory.sampledata;
