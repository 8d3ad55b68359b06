/**
 * The observatory's HTTP API. {@link org.observatory.api.ObservatoryApp} builds the Javalin app from an
 * {@link org.observatory.api.config.ApiConfig}; {@link org.observatory.api.ApiServer} starts it for the command line.
 */
package org.observatory.api;
